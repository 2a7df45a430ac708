import type { ClusterHealth } from "@/lib/schemas/cluster-health";

export type NodeStage = "installing" | "booting" | "running" | "ready";

// Where a machine is on its way into the cluster: no config downloaded yet → installing; config
// downloaded but its Talos API silent → booting; Talos answering → running; Kubernetes Ready → ready.
export const nodeStage = ({ provisioned, talosReachable, k8sReady }: { provisioned: boolean; talosReachable: boolean; k8sReady: boolean | null }): NodeStage => {
  if (!provisioned) return "installing";
  if (k8sReady) return "ready";
  return talosReachable ? "running" : "booting";
};

export type SummaryInput = {
  controlPlanes: { provisioned: boolean; inEtcd: boolean | null }[];
  bootstrapState: string;
  bootstrapError: string | null;
  nodes: { k8sReady: boolean | null }[];
  apiReady: boolean;
};

// The one line the Health panel leads with: what the cluster is waiting for now.
export const summarizeCluster = ({ controlPlanes, bootstrapState, bootstrapError, nodes, apiReady }: SummaryInput): Pick<ClusterHealth, "phase" | "summary" | "healthy"> => {
  if (!controlPlanes.some((cp) => cp.provisioned)) return { phase: "waiting_control_plane", summary: "waiting for the first control plane", healthy: false };
  if (bootstrapState !== "done") {
    const summary = bootstrapState === "failed" ? `bootstrap failed: ${bootstrapError ?? "unknown error"}` : "bootstrapping etcd";
    return { phase: "bootstrapping", summary, healthy: false };
  }
  const inEtcd = controlPlanes.filter((cp) => cp.inEtcd).length;
  if (inEtcd < controlPlanes.length) return { phase: "etcd_forming", summary: `${inEtcd} of ${controlPlanes.length} control planes in etcd`, healthy: false };
  const ready = nodes.filter((node) => node.k8sReady).length;
  const summary = `${ready} of ${nodes.length} nodes Ready`;
  if (ready < nodes.length || !apiReady) return { phase: "nodes_joining", summary: apiReady ? summary : `${summary} (Kubernetes API not ready)`, healthy: false };
  return { phase: "healthy", summary, healthy: true };
};

export type KubeNode = { name: string; ready: boolean; kubeletVersion: string; addresses: string[] };

// A Kubernetes node belongs to a device when one of its addresses is the device's IP, or else
// when its name is the device's hostname (Talos names nodes after the hostname).
export const matchKubeNode = (device: { ipAddress: string | null; hostname: string | null }, nodes: KubeNode[]): KubeNode | null =>
  (device.ipAddress ? nodes.find((node) => node.addresses.includes(device.ipAddress!)) : undefined) ??
  (device.hostname ? nodes.find((node) => node.name === device.hostname) : undefined) ??
  null;

// node.ready / node.not_ready fire on a change of Kubernetes Ready; a node that was never Ready
// and still is not says nothing.
export const nodeTransition = (previous: boolean | null, next: boolean | null): "node.ready" | "node.not_ready" | null => {
  if (next === true && previous !== true) return "node.ready";
  if (next !== true && previous === true) return "node.not_ready";
  return null;
};

// cluster.healthy the first time everything is Ready (and again after a recovery);
// cluster.degraded when a healthy cluster stops being so.
export const clusterTransition = (previous: boolean | null, next: boolean): "cluster.healthy" | "cluster.degraded" | null => {
  if (next && previous !== true) return "cluster.healthy";
  if (!next && previous === true) return "cluster.degraded";
  return null;
};
