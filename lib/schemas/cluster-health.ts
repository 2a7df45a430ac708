import { z } from "zod";

// GET /api/v1/cluster/kubeconfig?hours= — the client certificate's lifetime (default: the cluster setting).
export const kubeconfigQuerySchema = z
  .object({ hours: z.coerce.number().int("hours must be a whole number").min(1, "hours must be at least 1").max(8760, "hours must be at most 8760 (one year)").optional() })
  .strict();

export const bootstrapStates = ["pending", "running", "done", "failed"] as const;
export const nodeStages = ["installing", "booting", "running", "ready"] as const;
export const clusterPhases = ["waiting_control_plane", "bootstrapping", "etcd_forming", "nodes_joining", "healthy"] as const;

export const serviceHealthSchema = z.object({ id: z.string(), state: z.string(), healthy: z.boolean().nullable() });

// What the collector stored about one node at its last poll (NodeHealth.snapshot).
export const nodeSnapshotSchema = z.object({
  talosVersion: z.string().nullable(),
  talosHostname: z.string().nullable(),
  services: z.array(serviceHealthSchema),
  etcdMembers: z.array(z.string()).nullable(),
  talosError: z.string().nullable(),
});
export type NodeSnapshot = z.infer<typeof nodeSnapshotSchema>;

// The cluster-wide part of the last collection (ClusterSettings.health).
export const clusterSnapshotSchema = z.object({
  apiReady: z.boolean(),
  apiVersion: z.string().nullable(),
  apiError: z.string().nullable(),
  etcdMembers: z.array(z.string()),
  healthy: z.boolean(),
});
export type ClusterSnapshot = z.infer<typeof clusterSnapshotSchema>;

export const nodeHealthRowSchema = z.object({
  deviceId: z.string(),
  hostname: z.string().nullable(),
  ipAddress: z.string().nullable(),
  role: z.string().nullable(),
  stage: z.enum(nodeStages),
  talosVersion: z.string().nullable(),
  inEtcd: z.boolean().nullable(),
  k8sReady: z.boolean().nullable(),
  kubeletVersion: z.string().nullable(),
  services: z.array(serviceHealthSchema),
  lastSeenAt: z.string().nullable(),
});
export type NodeHealthRow = z.infer<typeof nodeHealthRowSchema>;

// GET /api/v1/cluster/health
export const clusterHealthSchema = z.object({
  phase: z.enum(clusterPhases),
  summary: z.string(),
  healthy: z.boolean(),
  bootstrap: z.object({
    state: z.enum(bootstrapStates),
    auto: z.boolean(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    bootstrappedAt: z.string().nullable(),
  }),
  kubernetes: z.object({ apiReady: z.boolean(), version: z.string().nullable(), error: z.string().nullable() }),
  nodes: z.array(nodeHealthRowSchema),
  updatedAt: z.string().nullable(),
});
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;


// POST /api/v1/cluster/bootstrap — the admin confirms they mean it.
export const bootstrapRequestSchema = z
  .object({ confirm: z.literal(true, "confirm must be true: bootstrap creates the etcd cluster on the first control plane") })
  .strict();

export const bootstrapResponseSchema = z.object({ outcome: z.literal("bootstrapped"), deviceId: z.string(), alreadyBootstrapped: z.boolean() });

// The "Bootstrap now" form: a checkbox the admin ticks to confirm.
export const bootstrapFormSchema = z.object({
  confirm: z.literal("on", "tick the box to confirm: bootstrap creates the etcd cluster on the first control plane"),
});
