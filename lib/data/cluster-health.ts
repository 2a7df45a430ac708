import { prisma, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { KubeNode } from "@/lib/domain/cluster/cluster-summary";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/schemas/cluster-health";
import { dateOf, flagOf, statement } from "./hot-statements";

export type ClusterDevice = {
  id: string;
  mac: string;
  hostname: string | null;
  ipAddress: string | null;
  role: string | null;
  status: string;
  provisionedAt: Date | null;
  nodeHealth: { snapshot: unknown; talosReachable: boolean; kube: unknown; k8sReady: boolean | null; lastSeenAt: Date | null; failures: number } | null;
};

const jsonOf = (text: unknown): unknown => (text === null || text === undefined ? null : JSON.parse(String(text)));

type RawClusterDevice = [string, string, string | null, string | null, string | null, string, unknown, string | null, unknown, unknown, unknown, unknown, unknown, unknown];

const clusterDeviceOf = ([id, mac, hostname, ipAddress, role, status, provisionedAt, healthId, snapshot, talosReachable, kube, k8sReady, healthSeenAt, failures]: RawClusterDevice): ClusterDevice => ({
  id,
  mac,
  hostname,
  ipAddress,
  role,
  status,
  provisionedAt: dateOf(provisionedAt),
  nodeHealth:
    healthId === null
      ? null
      : { snapshot: jsonOf(snapshot), talosReachable: flagOf(talosReachable), kube: jsonOf(kube), k8sReady: k8sReady === null ? null : flagOf(k8sReady), lastSeenAt: dateOf(healthSeenAt), failures: Number(failures) },
});

// Approved machines are the cluster's (would-be) nodes; the health view lists each of them. A
// prepared statement on the plain connection (hot-statements.ts), rows as arrays: the Overview and
// the Cluster page poll this every few seconds, a row per machine, and the ORM's mapping of a
// rack's rows costs several times the query (docs/benchmarks.md, "Approvals and the Overview without the ORM"). Rows as
// the ORM reads them (tests/integration/admin-read-rows.test.ts).
export const listClusterDevices = async (): Promise<ClusterDevice[]> =>
  (
    statement(`
      SELECT d.id, d.mac, d.hostname, d.ipAddress, d.role, d.status, d.provisionedAt,
             h.deviceId, h.snapshot, h.talosReachable, h.kube, h.k8sReady, h.lastSeenAt, h.failures
      FROM "Device" AS d LEFT JOIN "NodeHealth" AS h ON h.deviceId = d.id
      WHERE d.status = 'approved'
      ORDER BY d.role ASC, d.hostname ASC, d.mac ASC`)
      .raw(true)
      .all() as RawClusterDevice[]
  ).map(clusterDeviceOf);

export const findClusterDevice = async (id: string): Promise<ClusterDevice | null> =>
  (await prisma.device.findUnique({
    where: { id },
    select: {
      id: true, mac: true, hostname: true, ipAddress: true, role: true, status: true, provisionedAt: true,
      nodeHealth: { select: { snapshot: true, talosReachable: true, kube: true, k8sReady: true, lastSeenAt: true, failures: true } },
    },
  })) ?? null;

type TalosResultOptions = { deviceId: string; snapshot: NodeSnapshot; reachable: boolean; failures: number; now: Date };

// The Talos half of a node's snapshot, from the node poll.
export const saveNodeTalosResult = async ({ deviceId, snapshot, reachable, failures, now }: TalosResultOptions): Promise<void> => {
  const data = { snapshot: snapshot as unknown as Prisma.InputJsonValue, talosReachable: reachable, failures, ...(reachable ? { lastSeenAt: now } : {}) };
  // The device may have been deleted while it was being polled; then there is nothing to keep.
  await prisma.nodeHealth.upsert({ where: { deviceId }, create: { deviceId, ...data }, update: data }).catch((error: { code?: string }) => {
    if (error.code !== "P2003" && error.code !== "P2025") throw error;
  });
};

// The Kubernetes half, from the cluster poll (inside its transaction with the events it causes).
export const saveNodeKube = async ({ deviceId, kube, tx }: { deviceId: string; kube: KubeNode | null; tx: Tx }): Promise<void> => {
  const data = { kube: kube ? (kube as unknown as Prisma.InputJsonValue) : Prisma.DbNull, k8sReady: kube ? kube.ready : null };
  const emptySnapshot: NodeSnapshot = { talosVersion: null, talosHostname: null, services: [], etcdMembers: null, talosError: null };
  await tx.nodeHealth.upsert({
    where: { deviceId },
    create: { deviceId, snapshot: emptySnapshot as unknown as Prisma.InputJsonValue, ...data },
    update: data,
  });
};

export const findClusterHealthRow = (tx?: Tx) =>
  (tx ?? prisma).clusterSettings.findFirst({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, name: true, endpoint: true, secretsEnc: true, autoBootstrap: true, bootstrapState: true, bootstrapAttempts: true,
      bootstrapLastError: true, bootstrappedAt: true, health: true, healthUpdatedAt: true,
    },
  });

export const saveClusterSnapshot = async ({ clusterId, snapshot, now, tx }: { clusterId: string; snapshot: ClusterSnapshot; now: Date; tx: Tx }): Promise<void> => {
  await tx.clusterSettings.update({ where: { id: clusterId }, data: { health: snapshot as unknown as Prisma.InputJsonValue, healthUpdatedAt: now } });
};

// SQLite: a transaction that reads first and writes later fails at once with "database is locked"
// when another connection wrote in between (WAL snapshot upgrade). Writing first takes the write
// lock up front, where the busy timeout applies; everything read after it is current.
export const lockClusterRow = async ({ clusterId, now, tx }: { clusterId: string; now: Date; tx: Tx }): Promise<void> => {
  await tx.clusterSettings.update({ where: { id: clusterId }, data: { healthUpdatedAt: now } });
};

export const listClusterDevicesTx = (tx: Tx): Promise<ClusterDevice[]> =>
  tx.device.findMany({
    where: { status: "approved" },
    orderBy: [{ role: "asc" }, { hostname: "asc" }, { mac: "asc" }],
    select: {
      id: true, mac: true, hostname: true, ipAddress: true, role: true, status: true, provisionedAt: true,
      nodeHealth: { select: { snapshot: true, talosReachable: true, kube: true, k8sReady: true, lastSeenAt: true, failures: true } },
    },
  });
