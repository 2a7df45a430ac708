import { readSetupRows } from "@/lib/data/setup-facts";
import { setupChecklist, type SetupStep } from "@/lib/domain/setup-checklist";
import { listLocalAssets } from "@/lib/services/assets";
import { getWorkerStatus } from "./get-system-status";

// The Overview's checklist from what is stored, what the worker reports and what is on disk.
export const getSetupChecklist = async (): Promise<SetupStep[]> => {
  const [{ cluster, network, devicesSeen }, status, local] = await Promise.all([readSetupRows(), getWorkerStatus(), listLocalAssets()]);
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
    // No network settings yet means the default source, as the asset route serves it.
    assetSource: network?.assetSource === "local" ? "local" : "factory",
    assetsOnDisk: onDisk.has("vmlinuz-amd64") && onDisk.has("initramfs-amd64.xz"),
    devicesSeen,
  });
};
