import { z } from "zod";

// The worker writes this file (paths().workerStatusFile) atomically on every change and every
// heartbeat; the web app reads it for GET /api/v1/status and the dashboard. Shared so both sides
// agree on the shape, and a half-understood file is rejected instead of shown.
export const workerStates = ["starting", "running", "stopped", "unavailable", "failed", "waiting-for-config"] as const;
export type WorkerState = (typeof workerStates)[number];

const isoDate = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const workerErrorSchema = z.object({
  at: isoDate,
  message: z.string().max(4000),
  // Hash of the rendered config the error belongs to, when it was about a config.
  configHash: sha256.nullable(),
});
export type WorkerError = z.infer<typeof workerErrorSchema>;

// The worker's job counters (worker/jobs/), for /metrics: a web process cannot see the worker's
// memory, so the worker publishes them here with every heartbeat. Since the worker's start.
export const workerJobStatsSchema = z.object({
  name: z.string().min(1).max(64),
  runs: z.number().int().min(0),
  failures: z.number().int().min(0),
  lastError: z.string().max(4000).nullable(),
});
export const workerCountersSchema = z.object({
  jobs: z.array(workerJobStatsSchema).max(64).default([]),
  webhookDeliveries: z.object({ delivered: z.number().int().min(0), retry: z.number().int().min(0), failed: z.number().int().min(0) }).default({ delivered: 0, retry: 0, failed: 0 }),
});
export type WorkerCounters = z.infer<typeof workerCountersSchema>;

export const workerStatusSchema = z.object({
  state: z.enum(workerStates),
  // Why the state is what it is, in words an admin can act on (null while running normally).
  reason: z.string().max(4000).nullable(),
  workerPid: z.number().int().positive(),
  dnsmasqPid: z.number().int().positive().nullable(),
  // sha256 of the dnsmasq config the running dnsmasq was started with.
  configHash: sha256.nullable(),
  // True when the running dnsmasq uses the last good config because a newer one failed.
  servingLastGood: z.boolean(),
  lastReloadAt: isoDate.nullable(),
  lastError: workerErrorSchema.nullable(),
  restarts: z.number().int().min(0),
  startedAt: isoDate,
  heartbeatAt: isoDate,
  // Absent in files written by an older worker.
  counters: workerCountersSchema.optional(),
}).refine((status) => status.state !== "running" || status.dnsmasqPid !== null, "a running state needs a dnsmasq pid");
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

// What GET /api/v1/status answers. `worker.state` is "stale" when the heartbeat is older than
// KTIZO_WORKER_STALE_SECONDS and "missing" when the worker never wrote a status file.
export const workerLiveness = ["alive", "stopped", "stale", "missing", "unreadable"] as const;
export type WorkerLiveness = (typeof workerLiveness)[number];

export const deviceCountsSchema = z.object({
  pending: z.number().int().min(0),
  approved: z.number().int().min(0),
  rejected: z.number().int().min(0),
  total: z.number().int().min(0),
});

export const systemStatusSchema = z.object({
  worker: z.object({
    state: z.enum(workerLiveness),
    running: z.boolean(),
    message: z.string(),
    pid: z.number().int().positive().nullable(),
    heartbeatAt: isoDate.nullable(),
    heartbeatAgeSeconds: z.number().min(0).nullable(),
  }),
  dnsmasq: z.object({
    // The worker's last reported state; "unknown" while the worker is not running.
    state: z.union([z.enum(workerStates), z.literal("unknown")]),
    running: z.boolean(),
    reason: z.string().nullable(),
    pid: z.number().int().positive().nullable(),
    configHash: sha256.nullable(),
    servingLastGood: z.boolean(),
    lastReloadAt: isoDate.nullable(),
    lastError: workerErrorSchema.nullable(),
    restarts: z.number().int().min(0),
  }),
  devices: deviceCountsSchema,
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;
