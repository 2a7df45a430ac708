import type { ClusterSettings } from "@/lib/generated/prisma/client";
import type { ClusterSettingsInput, ClusterSettingsJson } from "@/lib/schemas/cluster";
import type { ClusterConfigInput, ClusterPatches } from "@/lib/domain/talos/cluster-input";

const list = (textValue: string): string[] => {
  try {
    const value: unknown = JSON.parse(textValue);

    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
};

// The API shape of ClusterSettings (PRODUCT.md §3). The encrypted columns never leave this file.
export const clusterSettingsJson = (row: ClusterSettings): ClusterSettingsJson => ({
  id: row.id,
  name: row.name,
  endpoint: row.endpoint,
  talosVersion: row.talosVersion,
  kubernetesVersion: row.kubernetesVersion,
  installDisk: row.installDisk,
  installImage: row.installImage,
  podSubnets: list(row.podSubnets),
  serviceSubnets: list(row.serviceSubnets),
  cniName: row.cniName as ClusterSettingsJson["cniName"],
  cniUrls: list(row.cniUrls),
  dnsDomain: row.dnsDomain,
  additionalSans: list(row.additionalSans),
  allowSchedulingOnControlPlanes: row.allowSchedulingOnControlPlanes,
  configPatch: row.configPatch,
  controlPlanePatch: row.controlPlanePatch,
  workerPatch: row.workerPatch,
  autoBootstrap: row.autoBootstrap,
  kubeconfigTtlHours: row.kubeconfigTtlHours,
  approvalProof: row.approvalProof === "console-code" ? "console-code" : "token",
  generator: row.generator as ClusterSettingsJson["generator"],
  generatedAt: row.generatedAt?.toISOString() ?? null,
  secretsGeneratedAt: row.secretsGeneratedAt?.toISOString() ?? null,
});

// Settings input -> the columns that hold them (lists as JSON text).
export const clusterSettingsColumns = (input: ClusterSettingsInput) => ({
  ...input,
  podSubnets: JSON.stringify(input.podSubnets),
  serviceSubnets: JSON.stringify(input.serviceSubnets),
  cniUrls: JSON.stringify(input.cniUrls),
  additionalSans: JSON.stringify(input.additionalSans),
});

export const clusterConfigInput = (settings: ClusterSettingsJson): ClusterConfigInput => ({
  clusterName: settings.name,
  endpoint: settings.endpoint,
  kubernetesVersion: settings.kubernetesVersion,
  installDisk: settings.installDisk,
  installImage: settings.installImage,
  podSubnets: settings.podSubnets,
  serviceSubnets: settings.serviceSubnets,
  cniName: settings.cniName,
  cniUrls: settings.cniUrls,
  dnsDomain: settings.dnsDomain,
  additionalSans: settings.additionalSans,
  allowSchedulingOnControlPlanes: settings.allowSchedulingOnControlPlanes,
});

export const clusterPatches = (settings: ClusterSettingsJson): ClusterPatches => ({
  configPatch: settings.configPatch,
  controlPlanePatch: settings.controlPlanePatch,
  workerPatch: settings.workerPatch,
});
