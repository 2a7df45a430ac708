import { findClusterDevice, findClusterHealthRow, listClusterDevices } from "@/lib/data/cluster-health";
import type { ClusterHealth, NodeHealthRow } from "@/lib/schemas/cluster-health";
import { clusterHealthView } from "./cluster-health-view";

// GET /api/v1/cluster/health, the Cluster page's Health panel and the Overview.
export const getClusterHealth = async (): Promise<ClusterHealth> => {
  const [row, devices] = await Promise.all([findClusterHealthRow(), listClusterDevices()]);

  return clusterHealthView(row, devices);
};

// One device's row, for its page (null for a device that is not part of the cluster).
export const getNodeHealth = async (deviceId: string): Promise<NodeHealthRow | null> => {
  const device = await findClusterDevice(deviceId);
  if (!device || device.status !== "approved") return null;
  const health = await getClusterHealth();

  return health.nodes.find((node) => node.deviceId === deviceId) ?? null;
};
