import { prefixLengthOf } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import { renderDeviceConfig } from "@/lib/domain/talos/render-device-config";
import { findNetworkSettings } from "@/lib/data/network-settings";
import { loadBaseConfigs } from "./load-base-configs";
import type { DeviceWithGroup } from "@/lib/services/devices";

// The device's full machine config (not redacted): role base ← group patch ← device settings.
// Throws not_ready (409) while the cluster config or the network settings are missing.
export const buildDeviceConfig = async (device: DeviceWithGroup): Promise<string> => {
  if (device.role !== "controlplane" && device.role !== "worker") throw new AppError("not_ready", "device has no role");
  const [base, stored] = await Promise.all([loadBaseConfigs(), findNetworkSettings()]);
  const network = stored?.input;
  if (!network) throw new AppError("not_ready", "network settings are not saved yet");
  const prefixLength = prefixLengthOf(network.netmask);
  if (prefixLength === null) throw new AppError("not_ready", "network netmask is not valid");

  return renderDeviceConfig({
    baseConfig: device.role === "controlplane" ? base.controlplane : base.worker,
    groupPatch: device.group?.configPatch || null,
    device: {
      mac: device.mac,
      hostname: device.hostname,
      ipAddress: device.ipAddress,
      installDisk: device.installDisk ?? device.group?.installDisk ?? null,
    },
    network: { prefixLength, gateway: network.gateway, nameservers: network.dnsServers },
  });
};
