import { readSetupRows } from "@/lib/data/setup-facts";
import { setupChecklist, type SetupStep } from "@/lib/domain/setup-checklist";
import { listLocalAssets } from "@/lib/services/assets";
import { getSystemStatus } from "./get-system-status";

// The Overview's checklist from what is stored, what the worker reports and what is on disk.
export const getSetupChecklist = async (): Promise<SetupStep[]> => {
  const [{ cluster, network, devicesSeen }, status, local] = await Promise.all([readSetupRows(), getSystemStatus(), listLocalAssets()]);
  const talosVersion = cluster?.talosVersion ?? null;
  const onDisk = new Set(local.filter((asset) => asset.talosVersion === talosVersion).map((asset) => asset.fileName));
  const appliedHash = network?.appliedHash ?? null;

  return setupChecklist({
    clusterConfigured: cluster !== null,
    secretsGenerated: Boolean(cluster?.secretsGeneratedAt),
    configGenerated: Boolean(cluster?.generatedAt),
    networkApplied: appliedHash !== null,
    dnsmasqRunningApplied: appliedHash !== null && status.dnsmasq.running && status.dnsmasq.configHash === appliedHash,
    talosVersion,
    assetSource: network?.assetSource === "local" ? "local" : network?.assetSource === "factory" ? "factory" : null,
    assetsOnDisk: onDisk.has("vmlinuz-amd64") && onDisk.has("initramfs-amd64.xz"),
    devicesSeen,
  });
};
