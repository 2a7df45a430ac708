import type { ClusterConfigInput, ClusterPatches } from "@/lib/domain/talos/cluster-input";
import type { ClusterSettingsJson } from "@/lib/schemas/cluster";

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
