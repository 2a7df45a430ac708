import { z } from "zod";

// Settings of the cluster jobs (automatic bootstrap and the health collector), parsed once at
// worker start. Kept apart from worker/config.ts so the dnsmasq supervisor's settings stay small.
const ms = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

const clusterJobsEnvSchema = z.object({
  // apid listens on 50000 on every Talos node (https://www.talos.dev/v1.11/learn-more/talos-network-connectivity/).
  KTIZO_TALOS_API_PORT: z.coerce.number().int().min(1).max(65_535).default(50_000),
  // How often the worker looks at what is due (bootstrap, node polls, cluster poll).
  KTIZO_CLUSTER_TICK_MS: ms(1_000),
  // A reachable node is polled this often; an unreachable one backs off from here to the max.
  KTIZO_HEALTH_INTERVAL_MS: ms(15_000),
  KTIZO_HEALTH_BACKOFF_MAX_MS: ms(300_000),
  // Deadline of each Talos or Kubernetes call: a dead node costs at most this much.
  KTIZO_HEALTH_TIMEOUT_MS: ms(5_000),
  // Bootstrap retries while the node says "not ready": 2 s, 4 s, … up to a minute.
  KTIZO_BOOTSTRAP_RETRY_BASE_MS: ms(2_000),
  KTIZO_BOOTSTRAP_RETRY_MAX_MS: ms(60_000),
});

export type ClusterJobsConfig = {
  talos: { port: number; timeoutMs: number; retryBaseMs: number; retryMaxMs: number };
  tickMs: number;
  intervalMs: number;
  backoffMaxMs: number;
  timeoutMs: number;
};

export const loadClusterJobsConfig = (source: Record<string, string | undefined> = process.env): ClusterJobsConfig => {
  const env = clusterJobsEnvSchema.parse(source);

  return {
    talos: { port: env.KTIZO_TALOS_API_PORT, timeoutMs: env.KTIZO_HEALTH_TIMEOUT_MS, retryBaseMs: env.KTIZO_BOOTSTRAP_RETRY_BASE_MS, retryMaxMs: env.KTIZO_BOOTSTRAP_RETRY_MAX_MS },
    tickMs: env.KTIZO_CLUSTER_TICK_MS,
    intervalMs: env.KTIZO_HEALTH_INTERVAL_MS,
    backoffMaxMs: env.KTIZO_HEALTH_BACKOFF_MAX_MS,
    timeoutMs: env.KTIZO_HEALTH_TIMEOUT_MS,
  };
};
