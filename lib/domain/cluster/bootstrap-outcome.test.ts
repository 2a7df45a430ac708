import { describe, expect, it } from "vitest";
import { bootstrapOutcome } from "./bootstrap-outcome";

describe("bootstrapOutcome", () => {
  it.each([
    [0, "done"],
    [6, "done"],
    [9, "retry"],
    [14, "retry"],
    [4, "retry"],
    [7, "fail"],
    [16, "fail"],
    [13, "fail"],
    [2, "fail"],
  ])("gRPC status %i → %s", (code, expected) => {
    expect(bootstrapOutcome(code)).toBe(expected);
  });
});
