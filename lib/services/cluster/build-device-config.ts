import { readBootSettingsRow } from "@/lib/data/boot-settings";
import { prefixLengthOf } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import { renderDeviceConfigOn } from "@/lib/domain/talos/render-device-config";
import { cachedBaseDocuments, cachedGroupPatch } from "./base-config-cache";

// What a device's config is built from: its role, its own fields and its group's.
export type ConfigDevice = {
  role: string | null;
  mac: string;
  hostname: string | null;
  ipAddress: string | null;
  installDisk: string | null;
  group: { configPatch: string | null; installDisk: string | null } | null;
};

// The device's full machine config (not redacted): role base ← group patch ← device settings.
// Throws not_ready (409) while the cluster config or the network settings are missing. The base
// configs and the settings come from memory, re-read only when the database changed
// (base-config-cache.ts, lib/data/boot-settings.ts); only the device's own patch is new work.
export const buildDeviceConfig = async (device: ConfigDevice): Promise<string> => {
  if (device.role !== "controlplane" && device.role !== "worker") throw new AppError("not_ready", "device has no role");
  const base = await cachedBaseDocuments();
  const network = readBootSettingsRow();
  if (!network.networkSaved) throw new AppError("not_ready", "network settings are not saved yet");
  const prefixLength = prefixLengthOf(network.netmask ?? "");
  if (prefixLength === null) throw new AppError("not_ready", "network netmask is not valid");

  return renderDeviceConfigOn({
    baseDocuments: device.role === "controlplane" ? base.controlplane : base.worker,
    groupPatch: cachedGroupPatch(device.group?.configPatch || null),
    device: {
      mac: device.mac,
      hostname: device.hostname,
      ipAddress: device.ipAddress,
      installDisk: device.installDisk ?? device.group?.installDisk ?? null,
    },
    network: { prefixLength, gateway: network.gateway, nameservers: network.dnsServers },
  });
};
