import type { ClusterConfigInput, ClusterPatches } from "@/lib/domain/talos/cluster-input";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";

// Shared inputs for the Talos unit and integration tests (not loaded by app code).
export const sampleInput = (overrides: Partial<ClusterConfigInput> = {}): ClusterConfigInput => ({
  clusterName: "demo",
  endpoint: "https://10.0.0.10:6443",
  kubernetesVersion: talosDefaults.kubernetesVersion,
  installDisk: talosDefaults.installDisk,
  installImage: talosDefaults.installImage,
  podSubnets: [...talosDefaults.podSubnets],
  serviceSubnets: [...talosDefaults.serviceSubnets],
  cniName: "flannel",
  cniUrls: [],
  dnsDomain: talosDefaults.dnsDomain,
  additionalSans: [],
  allowSchedulingOnControlPlanes: false,
  ...overrides,
});

export const noPatches: ClusterPatches = { configPatch: "", controlPlanePatch: "", workerPatch: "" };
