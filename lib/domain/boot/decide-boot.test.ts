import { describe, expect, it } from "vitest";
import { decideBoot, type BootAction, type BootDeviceState, type DeviceStatus } from "@/lib/domain/boot/decide-boot";

const ready = { configGenerated: true, networkConfigured: true };
const at = new Date("2026-01-01T00:00:00Z");

const device = (status: DeviceStatus, bootAction: BootAction, provisioned: boolean, role: string | null = "worker"): BootDeviceState => ({
  status,
  bootAction,
  provisionedAt: provisioned ? at : null,
  role,
});

type Row = [string, BootDeviceState | null, string, boolean, boolean];

// [case, device, script, mintToken, wipe] for every status × boot action × provisioned.
const table: Row[] = [
  ["unknown", null, "waiting", false, false],
  ...(["install", "local", "reinstall"] as const).flatMap((action): Row[] => [
    [`pending/${action}`, device("pending", action, false), "waiting", false, false],
    [`pending/${action}/provisioned`, device("pending", action, true), "waiting", false, false],
    [`rejected/${action}`, device("rejected", action, false), "rejected", false, false],
    [`rejected/${action}/provisioned`, device("rejected", action, true), "rejected", false, false],
  ]),
  ["approved/install", device("approved", "install", false), "talos", true, false],
  ["approved/install/provisioned", device("approved", "install", true), "exit", false, false],
  ["approved/local", device("approved", "local", false), "exit", false, false],
  ["approved/local/provisioned", device("approved", "local", true), "exit", false, false],
  ["approved/reinstall", device("approved", "reinstall", false), "talos", true, true],
  ["approved/reinstall/provisioned", device("approved", "reinstall", true), "talos", true, true],
];

describe("decideBoot", () => {
  it.each(table)("%s → %s", (_name, state, script, mintToken, wipe) => {
    const result = decideBoot(state, ready);
    expect(result).toMatchObject({ script, mintToken, wipe });
    expect(result.record).toBe(state ? "touch" : "register");
  });

  it("does not log the pending poll loop but logs everything else", () => {
    expect(decideBoot(null, ready).logServed).toBe(false);
    expect(decideBoot(device("pending", "install", false), ready).logServed).toBe(false);
    expect(decideBoot(device("approved", "install", false), ready).logServed).toBe(true);
    expect(decideBoot(device("rejected", "install", false), ready).logServed).toBe(true);
  });

  it.each([
    ["config not generated", { configGenerated: false, networkConfigured: true }, /cluster configuration is not generated/],
    ["network not saved", { configGenerated: true, networkConfigured: false }, /network settings/],
  ])("approved devices wait when %s", (_name, readiness, reason) => {
    for (const action of ["install", "reinstall"] as const) {
      const result = decideBoot(device("approved", action, false), readiness);
      expect(result.script).toBe("not-ready");
      expect(result.mintToken).toBe(false);
      expect(result.reason).toMatch(reason);
    }
  });

  it("a provisioned or local device exits even before the config exists", () => {
    const notReady = { configGenerated: false, networkConfigured: false };
    expect(decideBoot(device("approved", "install", true), notReady).script).toBe("exit");
    expect(decideBoot(device("approved", "local", false), notReady).script).toBe("exit");
  });

  it("an approved device without a role is not booted", () => {
    expect(decideBoot(device("approved", "install", false, null), ready)).toMatchObject({ script: "not-ready", mintToken: false });
  });
});
