import { systemActor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { findClusterHealthRow, listClusterDevicesTx, lockClusterRow, saveClusterSnapshot, saveNodeKube } from "@/lib/data/cluster-health";
import { clusterTransition, matchKubeNode, nodeTransition, type KubeNode } from "@/lib/domain/cluster/cluster-summary";
import { recordEvent } from "@/lib/events/record-event";
import { kubeGet, parseNodeList } from "@/lib/kubernetes-api";
import { clusterSnapshotSchema, type ClusterHealth, type ClusterSnapshot } from "@/lib/schemas/cluster-health";
import { clusterHealthView, etcdMemberNames } from "./cluster-health-view";
import { kubeAdminCredentials } from "./kube-admin-credentials";

type KubeView = { apiReady: boolean; apiVersion: string | null; apiError: string | null; nodes: KubeNode[] | null };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// /readyz, /version and /api/v1/nodes at the cluster endpoint, side by side, each with the deadline.
const readKubernetes = async ({ server, secretsEnc, timeoutMs }: { server: string; secretsEnc: string | null; timeoutMs: number }): Promise<KubeView> => {
  const credentials = await kubeAdminCredentials(secretsEnc);
  const get = (path: string) => kubeGet({ server, path, credentials, timeoutMs });
  const [readyz, version, nodes] = await Promise.allSettled([get("/readyz"), get("/version"), get("/api/v1/nodes")]);
  const apiReady = readyz.status === "fulfilled" && readyz.value.status === 200;
  const apiError = readyz.status === "rejected" ? message(readyz.reason) : apiReady ? null : `/readyz answered ${readyz.value.status}`;
  let apiVersion: string | null = null;
  if (version.status === "fulfilled" && version.value.status === 200) {
    try {
      apiVersion = String((JSON.parse(version.value.body) as { gitVersion?: unknown }).gitVersion ?? "") || null;
    } catch {
      apiVersion = null;
    }
  }
  let nodeList: KubeNode[] | null = null;
  if (nodes.status === "fulfilled" && nodes.value.status === 200) {
    try {
      nodeList = parseNodeList(nodes.value.body);
    } catch {
      nodeList = null;
    }
  }
  return { apiReady, apiVersion, apiError, nodes: nodeList };
};

// One cluster-wide collection (worker only): reads Kubernetes, matches its nodes to devices, stores
// the Kubernetes half of each node's snapshot and the cluster snapshot, and records every change
// (node.ready / node.not_ready first, then cluster.healthy / cluster.degraded) in the same
// transaction, so webhooks see them in that order. Returns the resulting view.
export const collectClusterHealth = async ({ timeoutMs, now = () => new Date() }: { timeoutMs: number; now?: () => Date }): Promise<ClusterHealth | null> => {
  const row = await findClusterHealthRow();
  if (!row?.secretsEnc) return null;
  const bootstrapped = row.bootstrapState === "done";
  // Before the bootstrap there is no Kubernetes API to ask.
  const kube: KubeView = bootstrapped
    ? await readKubernetes({ server: row.endpoint, secretsEnc: row.secretsEnc, timeoutMs }).catch((error: unknown) => ({ apiReady: false, apiVersion: null, apiError: message(error), nodes: null }))
    : { apiReady: false, apiVersion: null, apiError: "not bootstrapped yet", nodes: null };

  return inTransaction(async (tx) => {
    await lockClusterRow({ clusterId: row.id, now: now(), tx });
    const devices = await listClusterDevicesTx(tx);
    // Read after taking the lock: another worker's collection may have just recorded the change.
    const previous = clusterSnapshotSchema.safeParse((await findClusterHealthRow(tx))?.health);
    const previousHealthy = previous.success ? previous.data.healthy : null;
    const after = devices.map((device) => {
      // An unreadable node list says nothing about the nodes: keep what we knew.
      if (kube.nodes === null || device.provisionedAt === null) return { device, kubeNode: undefined };
      return { device, kubeNode: matchKubeNode(device, kube.nodes) };
    });
    for (const { device, kubeNode } of after) {
      if (kubeNode === undefined) continue;
      const was = device.nodeHealth?.k8sReady ?? null;
      const next = kubeNode ? kubeNode.ready : null;
      await saveNodeKube({ deviceId: device.id, kube: kubeNode, tx });
      const event = nodeTransition(was, next);
      if (event) {
        await recordEvent({ type: event, actor: systemActor, deviceId: device.id, details: { hostname: device.hostname, node: kubeNode?.name ?? null, kubeletVersion: kubeNode?.kubeletVersion ?? null } }, tx);
      }
      device.nodeHealth = {
        snapshot: device.nodeHealth?.snapshot ?? null, talosReachable: device.nodeHealth?.talosReachable ?? false,
        lastSeenAt: device.nodeHealth?.lastSeenAt ?? null, failures: device.nodeHealth?.failures ?? 0, kube: kubeNode, k8sReady: next,
      };
    }
    const draft: ClusterSnapshot = { apiReady: kube.apiReady, apiVersion: kube.apiVersion, apiError: kube.apiError, etcdMembers: etcdMemberNames(devices), healthy: false };
    const view = clusterHealthView({ ...row, health: draft, healthUpdatedAt: now() }, devices);
    const snapshot = { ...draft, healthy: view.healthy };
    const event = clusterTransition(previousHealthy, view.healthy);
    if (event) await recordEvent({ type: event, actor: systemActor, details: { summary: view.summary, phase: view.phase } }, tx);
    await saveClusterSnapshot({ clusterId: row.id, snapshot, now: now(), tx });

    return { ...view, updatedAt: now().toISOString() };
  });
};
