import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";
import { bootstrapOutcome } from "./bootstrap-outcome";

describe("backoffDelayMs", () => {
  it.each([
    [0, 1000, 60000, 0],
    [1, 1000, 60000, 1000],
    [2, 1000, 60000, 2000],
    [4, 1000, 60000, 8000],
    [7, 1000, 60000, 60000],
    [500, 1000, 60000, 60000],
  ])("attempt %i (base %i, max %i) waits %i ms", (attempt, baseMs, maxMs, expected) => {
    expect(backoffDelayMs({ attempt, baseMs, maxMs })).toBe(expected);
  });
});

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
