import { z } from "zod";
import { paths, type Paths } from "@/lib/paths";

// The worker's environment, parsed once at start (a bad value stops the worker at start, not mid-run). Numbers carry the reason
// for their default, as the values trade reaction time against load on a 2-core box.
const ms = (fallback: number) => z.coerce.number().int().min(0).max(600_000).default(fallback);

const workerEnvSchema = z.object({
  // The dnsmasq binary; a bare name is looked up in PATH.
  KTIZO_DNSMASQ: z.string().min(1).default("dnsmasq"),
  // Optional words run before dnsmasq, e.g. "ip netns exec lab" (split on spaces, no shell).
  KTIZO_DNSMASQ_PREFIX: z.string().default(""),
  // Quiet period after the last file event before acting: one apply writes several files.
  KTIZO_WORKER_DEBOUNCE_MS: ms(150),
  // chokidar's awaitWriteFinish: the size must hold this long. Writes are atomic renames,
  // so this only guards writers that do not follow that rule.
  KTIZO_WORKER_WRITE_STABLE_MS: ms(100),
  // Heartbeat period of the status file; the web app calls a heartbeat older than
  // KTIZO_WORKER_STALE_SECONDS (default 15 s) stale, so this must stay well below it.
  KTIZO_WORKER_HEARTBEAT_MS: ms(2_000),
  // How long dnsmasq may take to log "started" before the start counts as failed.
  KTIZO_WORKER_START_TIMEOUT_MS: ms(10_000),
  // `dnsmasq --test` is a syntax check; it returns in milliseconds.
  KTIZO_WORKER_TEST_TIMEOUT_MS: ms(10_000),
  // SIGTERM → SIGKILL delay for dnsmasq, and the hard limit for the whole worker shutdown.
  KTIZO_WORKER_STOP_TIMEOUT_MS: ms(5_000),
  KTIZO_WORKER_SHUTDOWN_TIMEOUT_MS: ms(10_000),
  // First restart after a crash is quick (DHCP clients retry within seconds), then doubles.
  KTIZO_WORKER_BACKOFF_BASE_MS: ms(200),
  KTIZO_WORKER_BACKOFF_MAX_MS: ms(30_000),
  // This many failures inside the window → state "failed" and no more restarts until a new config.
  KTIZO_WORKER_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  KTIZO_WORKER_FAILURE_WINDOW_MS: ms(60_000),
  // Retention job period (retention is by days, so hourly is plenty; a minute at the least).
  KTIZO_WORKER_RETENTION_INTERVAL_MS: z.coerce.number().int().min(60_000).max(86_400_000).default(3_600_000),
});

export type WorkerConfig = {
  dnsmasq: { command: string; prefix: string[] };
  debounceMs: number;
  writeStableMs: number;
  heartbeatMs: number;
  startTimeoutMs: number;
  testTimeoutMs: number;
  stopTimeoutMs: number;
  shutdownTimeoutMs: number;
  backoff: { baseMs: number; maxMs: number; maxFailures: number; windowMs: number };
  retentionIntervalMs: number;
  paths: Paths;
};

// Every problem with the worker's environment, each naming its variable (scripts/check-env.ts).
export const workerEnvironmentProblems = (source: Record<string, string | undefined> = process.env): string[] => {
  const result = workerEnvSchema.safeParse(source);

  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

export const loadWorkerConfig = (source: Record<string, string | undefined> = process.env): WorkerConfig => {
  const env = workerEnvSchema.parse(source);

  return {
    dnsmasq: { command: env.KTIZO_DNSMASQ, prefix: env.KTIZO_DNSMASQ_PREFIX.split(/\s+/).filter(Boolean) },
    debounceMs: env.KTIZO_WORKER_DEBOUNCE_MS,
    writeStableMs: env.KTIZO_WORKER_WRITE_STABLE_MS,
    heartbeatMs: env.KTIZO_WORKER_HEARTBEAT_MS,
    startTimeoutMs: env.KTIZO_WORKER_START_TIMEOUT_MS,
    testTimeoutMs: env.KTIZO_WORKER_TEST_TIMEOUT_MS,
    stopTimeoutMs: env.KTIZO_WORKER_STOP_TIMEOUT_MS,
    shutdownTimeoutMs: env.KTIZO_WORKER_SHUTDOWN_TIMEOUT_MS,
    backoff: {
      baseMs: env.KTIZO_WORKER_BACKOFF_BASE_MS,
      maxMs: env.KTIZO_WORKER_BACKOFF_MAX_MS,
      maxFailures: env.KTIZO_WORKER_MAX_FAILURES,
      windowMs: env.KTIZO_WORKER_FAILURE_WINDOW_MS,
    },
    retentionIntervalMs: env.KTIZO_WORKER_RETENTION_INTERVAL_MS,
    paths: paths(source as NodeJS.ProcessEnv),
  };
};
