// What the config generator needs from ClusterSettings (docs/cluster.md), already validated.
export type CniName = "flannel" | "none" | "custom";

export type ClusterConfigInput = {
  clusterName: string;
  endpoint: string;
  kubernetesVersion: string;
  installDisk: string;
  installImage: string;
  podSubnets: string[];
  serviceSubnets: string[];
  cniName: CniName;
  cniUrls: string[];
  dnsDomain: string;
  additionalSans: string[];
  allowSchedulingOnControlPlanes: boolean;
};

export type ClusterPatches = { configPatch: string; controlPlanePatch: string; workerPatch: string };

// talosctl's defaults for v1.11 (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/constants/constants.go).
export const talosDefaults = {
  talosVersion: "v1.11.6",
  kubernetesVersion: "1.34.1",
  installDisk: "/dev/sda",
  installImage: "ghcr.io/siderolabs/installer:v1.11.6",
  podSubnets: ["10.244.0.0/16"],
  serviceSubnets: ["10.96.0.0/12"],
  dnsDomain: "cluster.local",
} as const;

// The hostname part of the endpoint goes first into apiServer.certSANs (IPv6 without brackets).
export const endpointHost = (endpoint: string): string => new URL(endpoint).hostname.replace(/^\[(.*)\]$/, "$1");
