import { describe, expect, it } from "vitest";
import { voidsTokens, type TokenRelevantState } from "./voids-tokens";

const base: TokenRelevantState = { status: "approved", role: "worker", bootAction: "install", ipAddress: "10.0.0.5" };

describe("voidsTokens", () => {
  it.each([
    ["nothing changed", {}, false],
    ["status", { status: "rejected" }, true],
    ["role", { role: "controlplane" }, true],
    ["boot action", { bootAction: "local" }, true],
    ["reinstall", { bootAction: "reinstall" }, true],
    ["IP address", { ipAddress: "10.0.0.6" }, true],
    ["IP address cleared", { ipAddress: null }, true],
  ] as const)("%s → %s", (_name, change, expected) => {
    expect(voidsTokens(base, { ...base, ...change })).toBe(expected);
  });

  const pending: TokenRelevantState = { status: "pending", role: null, bootAction: "install", ipAddress: null };

  it.each([
    ["first approval with role and IP", { status: "approved", role: "worker", ipAddress: "10.0.0.5" }, false],
    ["first approval that also changes the boot action", { status: "approved", role: "worker", bootAction: "local" }, true],
    ["rejection", { status: "rejected" }, true],
    ["IP set while still pending", { ipAddress: "10.0.0.5" }, true],
  ] as const)("pending device, %s → %s", (_name, change, expected) => {
    expect(voidsTokens(pending, { ...pending, ...change })).toBe(expected);
  });
});
