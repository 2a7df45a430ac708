// The ktizo worker: keeps dnsmasq running on the config the web app renders into compiled/dnsmasq/,
// and runs every background job (worker/jobs/: retention, webhook deliveries, asset imports).
// Wiring only (the behaviour lives in the modules it starts); run with `npm run worker` (node --import tsx worker/index.ts).
import { loadClusterJobsConfig, startClusterJobs } from "@/worker/cluster-health";
import { loadWorkerConfig } from "@/worker/config";
import { stopStaleDnsmasq } from "@/worker/dnsmasq/stop-stale-dnsmasq";
import { ensureDir } from "@/worker/ensure-dir";
import { watchDatabaseChanges } from "@/lib/services/events";
import { assetImportsJob } from "@/worker/jobs/asset-imports-job";
import { createJobRunner } from "@/worker/jobs/job-runner";
import { retentionJob } from "@/worker/jobs/retention-job";
import { webhooksJob } from "@/worker/jobs/webhooks-job";
import { createLogger } from "@/worker/logger";
import { createStatusPublisher } from "@/worker/status-publisher";
import { createSupervisor } from "@/worker/supervisor";
import { createTargets } from "@/worker/targets";
import { watchTargets } from "@/worker/watch";

const log = createLogger("worker");
process.on("unhandledRejection", (reason) => log.error("unhandled rejection", reason));

const config = loadWorkerConfig();
const { paths } = config;
await Promise.all([ensureDir(paths.dataDir), ensureDir(paths.dnsmasqDir, { open: true })]);
await stopStaleDnsmasq({ pidFile: paths.dnsmasqPidFile, timeoutMs: config.stopTimeoutMs, log });

// Background jobs (worker/jobs/): the web processes run none (docs/architecture.md). Triggered jobs
// also run within ~100 ms of any commit by any process (SQLite's data_version).
const webhooks = webhooksJob({ trigger: watchDatabaseChanges });
const jobs = createJobRunner({
  jobs: [
    retentionJob({ intervalMs: config.retentionIntervalMs, log: log.child("retention") }),
    webhooks,
    assetImportsJob({ trigger: watchDatabaseChanges, log: log.child("assets") }),
  ],
  log: log.child("jobs"),
  // A failure reaches the status file (and /metrics) at once, not at the next heartbeat.
  onFailure: () => status.update({}),
});
const status = createStatusPublisher({
  file: paths.workerStatusFile,
  heartbeatMs: config.heartbeatMs,
  log,
  counters: () => ({ jobs: jobs.stats().map(({ name, runs, failures, lastError }) => ({ name, runs, failures, lastError: lastError?.slice(0, 4000) ?? null })), webhookDeliveries: webhooks.totals() }),
});
const supervisor = createSupervisor({ config, status, log, dnsmasqLog: createLogger("dnsmasq") });
const watcher = watchTargets({
  dir: paths.dnsmasqDir,
  targets: createTargets({ paths, supervisor }),
  debounceMs: config.debounceMs,
  writeStableMs: config.writeStableMs,
  log: log.child("watch"),
});

// Bootstrap and cluster health run here, never in the web process (docs/cluster.md).
const clusterJobs = startClusterJobs({ config: loadClusterJobsConfig(), log: log.child("cluster") });

let shuttingDown = false;
const shutdown = async (signal: string) => {
  // A terminal's Ctrl-C reaches every process of the group and `npm start` forwards it too: act once.
  if (shuttingDown) return;
  shuttingDown = true;
  log.info(`${signal}: stopping`);
  setTimeout(() => {
    log.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  await watcher.close();
  await Promise.all([jobs.stop(), supervisor.stop(), clusterJobs.stop()]);
  await status.close({ state: "stopped", reason: `worker stopped (${signal})`, dnsmasqPid: null });
  log.info("stopped");
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await watcher.ready;
log.info(`watching ${paths.dnsmasqDir}; status in ${paths.workerStatusFile}`);
await supervisor.applyConfig("startup");
jobs.start();
