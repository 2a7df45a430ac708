import { prefixLengthOf } from "@/lib/domain/net/ipv4";
import { renderHostname } from "@/lib/domain/rules/hostname-pattern";
import { redactConfig } from "@/lib/domain/talos/redact-config";
import { renderDeviceConfig } from "@/lib/domain/talos/render-device-config";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";
import { findNetworkSettings } from "@/lib/data/network-settings";
import type { GroupPreviewJson } from "@/lib/schemas/group";
import { getGroupOrThrow } from "./get-group-or-throw";
import { loadBaseConfigs } from "@/lib/services/cluster";
import { getDeviceOrThrow } from "@/lib/services/devices";

type PreviewGroupOptions = { id: string; role: "controlplane" | "worker"; deviceId?: string };

// A stand-in member when no device is named: what a new machine of this group would get.
const sampleMac = "02:00:00:00:00:01";

// role base (cluster patches applied) ← group patch ← device settings, secrets redacted.
// Validation runs on the real merged config; only the redacted text leaves the server.
export const previewGroupConfig = async ({ id, role, deviceId }: PreviewGroupOptions): Promise<GroupPreviewJson> => {
  const group = await getGroupOrThrow(id);
  const device = deviceId ? await getDeviceOrThrow(deviceId) : null;
  const [base, stored] = await Promise.all([loadBaseConfigs(), findNetworkSettings()]);
  const network = stored?.input;
  const hostname = device?.hostname ?? (group.hostnamePattern ? renderHostname({ pattern: group.hostnamePattern, n: 1, mac: sampleMac }) : null);
  const yaml = renderDeviceConfig({
    baseConfig: role === "controlplane" ? base.controlplane : base.worker,
    groupPatch: group.configPatch || null,
    device: {
      mac: device?.mac ?? sampleMac,
      hostname,
      ipAddress: device?.ipAddress ?? null,
      installDisk: device?.installDisk ?? group.installDisk,
    },
    network: {
      prefixLength: (network && prefixLengthOf(network.netmask)) ?? 24,
      gateway: network?.gateway ?? null,
      nameservers: network?.dnsServers ?? [],
    },
  });

  return { groupId: id, role, deviceId: device?.id ?? null, yaml: redactConfig(yaml), validation: validateMachineConfig(yaml) };
};
