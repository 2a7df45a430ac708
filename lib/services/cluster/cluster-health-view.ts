import type { ClusterDevice } from "@/lib/data/cluster-health";
import { nodeStage, summarizeCluster } from "@/lib/domain/cluster/cluster-summary";
import {
  bootstrapStates,
  clusterSnapshotSchema,
  nodeSnapshotSchema,
  type ClusterHealth,
  type NodeHealthRow,
  type NodeSnapshot,
} from "@/lib/schemas/cluster-health";
import type { KubeNode } from "@/lib/domain/cluster/cluster-summary";

type ClusterRow = {
  autoBootstrap: boolean;
  bootstrapState: string;
  bootstrapAttempts: number;
  bootstrapLastError: string | null;
  bootstrappedAt: Date | null;
  health: unknown;
  healthUpdatedAt: Date | null;
} | null;

const talosHalf = (device: ClusterDevice): NodeSnapshot | null => {
  const parsed = nodeSnapshotSchema.safeParse(device.nodeHealth?.snapshot);
  return parsed.success ? parsed.data : null;
};
const kubeHalf = (device: ClusterDevice): KubeNode | null => (device.nodeHealth?.kube as KubeNode | null | undefined) ?? null;

// Every control plane's view of etcd membership, joined: a member seen by any of them counts.
export const etcdMemberNames = (devices: ClusterDevice[]): string[] =>
  [...new Set(devices.flatMap((device) => (device.role === "controlplane" ? talosHalf(device)?.etcdMembers ?? [] : [])))].sort();

// Stored rows → the Health view (API, Cluster page, device page, Overview). The summary is
// derived on read, so a device's move from installing to booting shows before the next poll.
export const clusterHealthView = (row: ClusterRow, devices: ClusterDevice[]): ClusterHealth => {
  const members = etcdMemberNames(devices);
  const snapshot = clusterSnapshotSchema.safeParse(row?.health);
  const cluster = snapshot.success ? snapshot.data : null;
  const nodes: NodeHealthRow[] = devices.map((device) => {
    const talos = talosHalf(device);
    const kube = kubeHalf(device);
    const names = [device.hostname, talos?.talosHostname].filter((name): name is string => Boolean(name));
    return {
      deviceId: device.id,
      hostname: device.hostname,
      ipAddress: device.ipAddress,
      role: device.role,
      stage: nodeStage({ provisioned: device.provisionedAt !== null, talosReachable: device.nodeHealth?.talosReachable ?? false, k8sReady: device.nodeHealth?.k8sReady ?? null }),
      talosVersion: talos?.talosVersion ?? null,
      inEtcd: device.role === "controlplane" ? names.some((name) => members.includes(name)) : null,
      k8sReady: device.nodeHealth?.k8sReady ?? null,
      kubeletVersion: kube?.kubeletVersion ?? null,
      services: talos?.services ?? [],
      lastSeenAt: device.nodeHealth?.lastSeenAt?.toISOString() ?? null,
    };
  });
  const bootstrapState = (bootstrapStates as readonly string[]).includes(row?.bootstrapState ?? "") ? (row!.bootstrapState as ClusterHealth["bootstrap"]["state"]) : "pending";
  const summary = summarizeCluster({
    controlPlanes: nodes.filter((node) => node.role === "controlplane").map((node) => ({ provisioned: node.stage !== "installing", inEtcd: node.inEtcd })),
    bootstrapState,
    bootstrapError: row?.bootstrapLastError ?? null,
    nodes,
    apiReady: cluster?.apiReady ?? false,
  });

  return {
    ...summary,
    bootstrap: {
      state: bootstrapState,
      auto: row?.autoBootstrap ?? true,
      attempts: row?.bootstrapAttempts ?? 0,
      lastError: row?.bootstrapLastError ?? null,
      bootstrappedAt: row?.bootstrappedAt?.toISOString() ?? null,
    },
    kubernetes: { apiReady: cluster?.apiReady ?? false, version: cluster?.apiVersion ?? null, error: cluster?.apiError ?? null },
    nodes,
    updatedAt: row?.healthUpdatedAt?.toISOString() ?? null,
  };
};
