import { describe, expect, it } from "vitest";
import { tokenReusable } from "./token-reuse";

const now = new Date("2026-01-01T12:00:00Z");
const minutes = (value: number) => new Date(now.getTime() + value * 60_000);

describe("tokenReusable", () => {
  it.each([
    ["no live token", null, null, false],
    ["fresh, MAC-bound", { expiresAt: minutes(60), boundIp: null }, null, true],
    ["31 minutes left of 60", { expiresAt: minutes(31), boundIp: null }, null, true],
    ["exactly half left", { expiresAt: minutes(30), boundIp: null }, null, false],
    ["near expiry", { expiresAt: minutes(2), boundIp: null }, null, false],
    ["expired", { expiresAt: minutes(-1), boundIp: null }, null, false],
    ["outlives a shortened window", { expiresAt: minutes(61), boundIp: null }, null, false],
    ["same bound address (ip-only)", { expiresAt: minutes(50), boundIp: "10.0.0.5" }, "10.0.0.5", true],
    ["another bound address", { expiresAt: minutes(50), boundIp: "10.0.0.5" }, "10.0.0.6", false],
    ["address-bound, now MAC-bound", { expiresAt: minutes(50), boundIp: "10.0.0.5" }, null, false],
    ["MAC-bound, now address-bound", { expiresAt: minutes(50), boundIp: null }, "10.0.0.5", false],
  ] as const)("%s", (_name, live, boundIp, expected) => {
    expect(tokenReusable({ live, boundIp, now, windowMinutes: 60 })).toBe(expected);
  });
});
