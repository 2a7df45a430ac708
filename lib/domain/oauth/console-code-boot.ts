import type { BootDecision, BootReadiness } from "@/lib/domain/boot/decide-boot";

// In console-code mode a pending device boots Talos instead of waiting in the iPXE loop: the code
// Talos prints on its console is how it gets approved (docs/devices.md). Talos fetches no config
// until the code is approved, and the download gate still refuses a pending device.
export const consoleCodeBoot = (waiting: BootDecision, readiness: BootReadiness): BootDecision => {
  if (waiting.script !== "waiting") return waiting;
  const base = { ...waiting, logServed: true, wipe: false };
  if (!readiness.networkConfigured) return { ...base, script: "not-ready", mintToken: false, reason: "network settings are not saved yet" };
  if (!readiness.configGenerated) return { ...base, script: "not-ready", mintToken: false, reason: "cluster configuration is not generated yet" };

  return { ...base, script: "talos", mintToken: true, reason: "console-code: pending until its console code is approved" };
};
