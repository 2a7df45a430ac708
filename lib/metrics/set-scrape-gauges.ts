import { metrics } from "@/lib/metrics/registry";
import { nodeStages, type ClusterHealth } from "@/lib/schemas/cluster-health";
import { localWebhookDeliveries } from "@/lib/metrics/count";
import { workerStates, type SystemStatus, type WorkerCounters } from "@/lib/schemas/worker-status";

const deviceStatuses = ["pending", "approved", "rejected"] as const;
const outboxStatuses = ["pending", "delivered", "failed"] as const;

type ScrapeState = { status: SystemStatus; outbox: Record<string, number>; cluster: ClusterHealth; workerCounters: WorkerCounters };

// Counters kept by the worker (its jobs, its webhook deliveries) reach /metrics through its status
// file: set to the worker's totals on each scrape (they restart at 0 with the worker, as any
// counter does with its process, https://prometheus.io/docs/concepts/metric_types/#counter).
const setWorkerCounters = (counters: WorkerCounters): void => {
  const m = metrics();
  m.workerJobRuns.reset();
  m.workerJobFailures.reset();
  for (const job of counters.jobs) {
    m.workerJobRuns.inc({ job: job.name }, job.runs);
    m.workerJobFailures.inc({ job: job.name }, job.failures);
  }
  m.webhookDeliveries.reset();
  const local = localWebhookDeliveries();
  for (const result of ["delivered", "retry", "failed"] as const) m.webhookDeliveries.inc({ result }, local[result] + counters.webhookDeliveries[result]);
};

// Gauges that describe state rather than count events are set fresh on every scrape: devices by
// status and the outbox from the database, worker and dnsmasq from the worker's status file.
export const setScrapeGauges = ({ status, outbox, cluster, workerCounters }: ScrapeState): void => {
  const m = metrics();
  setWorkerCounters(workerCounters);
  // Cluster health as the worker's collector last stored it (docs/cluster.md).
  m.clusterHealthy.set(cluster.healthy ? 1 : 0);
  m.clusterBootstrapped.set(cluster.bootstrap.state === "done" ? 1 : 0);
  m.clusterApiReady.set(cluster.kubernetes.apiReady ? 1 : 0);
  for (const stage of nodeStages) m.clusterNodes.set({ stage }, cluster.nodes.filter((node) => node.stage === stage).length);
  for (const state of deviceStatuses) m.devices.set({ status: state }, status.devices[state]);
  for (const state of outboxStatuses) m.webhookOutbox.set({ status: state }, outbox[state] ?? 0);
  m.workerUp.set(status.worker.running ? 1 : 0);
  m.workerHeartbeatAge.set(status.worker.heartbeatAgeSeconds ?? -1);
  // Every known state is exported (0 or 1) so a dashboard sees the change, not a vanished series.
  for (const state of [...workerStates, "unknown"]) m.dnsmasqState.set({ state }, status.dnsmasq.state === state ? 1 : 0);
  m.dnsmasqRestarts.set(status.dnsmasq.restarts);
};
