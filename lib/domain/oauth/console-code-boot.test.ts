import { describe, expect, it } from "vitest";
import { decideBoot, type BootDeviceState } from "@/lib/domain/boot/decide-boot";
import { consoleCodeBoot } from "./console-code-boot";

const ready = { configGenerated: true, networkConfigured: true };
const pending: BootDeviceState = { status: "pending", bootAction: "install", provisionedAt: null, role: null };
const approved: BootDeviceState = { ...pending, status: "approved", role: "worker" };
const rejected: BootDeviceState = { ...pending, status: "rejected" };

describe("consoleCodeBoot", () => {
  it.each<[string, BootDeviceState | null, typeof ready, string, string]>([
    ["a new device boots Talos", null, ready, "talos", "console-code"],
    ["a pending device boots Talos", pending, ready, "talos", "console-code"],
    ["without network settings", pending, { ...ready, networkConfigured: false }, "not-ready", "network"],
    ["without generated config", pending, { ...ready, configGenerated: false }, "not-ready", "generated"],
    ["a rejected device stays rejected", rejected, ready, "rejected", "rejected"],
    ["an approved device is unchanged", approved, ready, "talos", "approved"],
  ])("%s", (_name, device, readiness, script, reason) => {
    const decided = consoleCodeBoot(decideBoot(device, readiness), readiness);
    expect(decided.script).toBe(script);
    expect(decided.reason).toContain(reason);
    expect(decided.wipe).toBe(false);
  });
});
