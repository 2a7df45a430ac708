import type { IpxeTemplate } from "@/lib/domain/ipxe/script-models";

// The boot decision of docs/devices.md (the boot chain) as one pure function: what a device's iPXE request records
// and which script it gets. The service does the I/O around it.
export type DeviceStatus = "pending" | "approved" | "rejected";
export type BootAction = "install" | "local" | "reinstall";

export type BootDeviceState = {
  status: DeviceStatus;
  bootAction: BootAction;
  provisionedAt: Date | null;
  role: string | null;
};

export type BootReadiness = {
  // Cluster base configs exist (the cluster config generator ran).
  configGenerated: boolean;
  // Network settings with an HTTP base URL exist; without them no URL can be rendered.
  networkConfigured: boolean;
};

export type BootDecision = {
  // register: create the device as pending; touch: update last-seen, UUID, serial, arch, source IP.
  record: "register" | "touch";
  script: Exclude<IpxeTemplate, "entry">;
  // A fresh download token is minted only for a Talos boot script.
  mintToken: boolean;
  wipe: boolean;
  // Audit only what changes or matters; the pending poll loop would flood the log otherwise.
  logServed: boolean;
  reason: string;
};

const decision = (partial: Partial<BootDecision> & Pick<BootDecision, "script" | "reason">): BootDecision => ({
  record: "touch",
  mintToken: false,
  wipe: false,
  logServed: true,
  ...partial,
});

const talosOrNotReady = (device: BootDeviceState, readiness: BootReadiness, wipe: boolean): BootDecision => {
  if (!device.role) return decision({ script: "not-ready", reason: "device has no role" });
  if (!readiness.networkConfigured) return decision({ script: "not-ready", reason: "network settings are not saved yet" });
  if (!readiness.configGenerated) {
    return decision({ script: "not-ready", reason: "cluster configuration is not generated yet" });
  }

  return decision({ script: "talos", mintToken: true, wipe, reason: wipe ? "reinstall requested" : "approved, not provisioned" });
};

export const decideBoot = (device: BootDeviceState | null, readiness: BootReadiness): BootDecision => {
  if (!device) return decision({ record: "register", script: "waiting", logServed: false, reason: "registered as pending" });
  if (device.status === "pending") return decision({ script: "waiting", logServed: false, reason: "waiting for approval" });
  if (device.status === "rejected") return decision({ script: "rejected", reason: "rejected" });
  if (device.bootAction === "local") return decision({ script: "exit", reason: "boot action is local" });
  if (device.bootAction === "reinstall") return talosOrNotReady(device, readiness, true);
  if (device.provisionedAt) return decision({ script: "exit", reason: "provisioned" });

  return talosOrNotReady(device, readiness, false);
};
