import { describe, expect, it } from "vitest";
import type { BootDeviceState } from "@/lib/domain/boot/decide-boot";
import { decideDownload, tokenStateOf, type TokenState } from "@/lib/domain/boot/decide-download";

const now = new Date("2026-01-01T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe("tokenStateOf", () => {
  it.each([
    ["missing", false, null],
    ["replaced", true, null],
    ["valid", true, { expiresAt: later, usedAt: null, voidedAt: null }],
    ["used", true, { expiresAt: later, usedAt: earlier, voidedAt: null }],
    ["used", true, { expiresAt: later, usedAt: null, voidedAt: earlier }],
    ["expired", true, { expiresAt: earlier, usedAt: null, voidedAt: null }],
    ["expired", true, { expiresAt: now, usedAt: null, voidedAt: null }],
  ] as const)("%s", (expected, presented, row) => {
    expect(tokenStateOf(presented, row, now)).toBe(expected);
  });

  it("a token no row of this device holds is another device's (unknown) when one holds it", () => {
    expect(tokenStateOf(true, null, now, true)).toBe("unknown");
  });
});

const state = (partial: Partial<BootDeviceState>): BootDeviceState => ({
  status: "approved",
  bootAction: "install",
  provisionedAt: null,
  role: "worker",
  ...partial,
});

type Row = [string, BootDeviceState | null, TokenState, boolean, boolean, string];

// [case, device, token, allowMacOnly, mayHold, expected kind]
const table: Row[] = [
  ["unknown device", null, "missing", true, true, "register"],
  ["unknown device with a token", null, "unknown", false, true, "register"],
  ["rejected", state({ status: "rejected" }), "valid", true, true, "refuse"],
  ["pending, may hold", state({ status: "pending" }), "missing", false, true, "hold"],
  ["pending, hold over", state({ status: "pending" }), "missing", true, false, "refuse"],
  ["approved, valid token", state({}), "valid", false, true, "serve"],
  ["approved, wrong token", state({}), "unknown", true, true, "refuse"],
  ["approved, used token", state({}), "used", true, true, "refuse"],
  ["approved, expired token", state({}), "expired", true, true, "refuse"],
  ["approved, no token, MAC-only off", state({}), "missing", false, true, "refuse"],
  ["approved, no token, MAC-only on", state({}), "missing", true, true, "serve"],
  ["provisioned, no token, MAC-only on", state({ provisionedAt: now }), "missing", true, true, "refuse"],
  ["provisioned reinstall, MAC-only on", state({ provisionedAt: now, bootAction: "reinstall" }), "missing", true, true, "serve"],
  ["local, MAC-only on", state({ bootAction: "local" }), "missing", true, true, "refuse"],
  ["local, with a valid token (boot action before the token)", state({ bootAction: "local" }), "valid", false, true, "refuse"],
];

describe("decideDownload", () => {
  it.each(table)("%s → %s", (_name, device, token, allowMacOnlyDownload, mayHold, kind) => {
    const result = decideDownload({ device, token, allowMacOnlyDownload, mayHold });
    expect(result.kind).toBe(kind);
    if (result.kind === "refuse") expect(result.reason).not.toMatch(/\n/);
  });

  it("names the source of a served download", () => {
    expect(decideDownload({ device: state({}), token: "valid", allowMacOnlyDownload: true, mayHold: true })).toEqual({ kind: "serve", source: "token" });
  });
});
