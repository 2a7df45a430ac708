import { describe, expect, it } from "vitest";
import { resolveApprovalProof } from "./approval-proof";

describe("resolveApprovalProof", () => {
  it.each([
    [null, null, null, "token"],
    [null, null, "console-code", "console-code"],
    [null, "console-code", "token", "console-code"],
    ["token", "console-code", "console-code", "token"],
    ["console-code", null, "token", "console-code"],
    ["bogus", null, "console-code", "console-code"],
  ])("device %s, group %s, cluster %s → %s", (device, group, cluster, expected) => {
    expect(resolveApprovalProof({ device, group, cluster })).toBe(expected);
  });
});
