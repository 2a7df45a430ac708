import { metrics } from "@/lib/metrics/registry";
import { nodeStages, type ClusterHealth } from "@/lib/schemas/cluster-health";
import { workerStates, type SystemStatus } from "@/lib/schemas/worker-status";

const deviceStatuses = ["pending", "approved", "rejected"] as const;
const outboxStatuses = ["pending", "delivered", "failed"] as const;

type ScrapeState = { status: SystemStatus; outbox: Record<string, number>; cluster: ClusterHealth };

// Gauges that describe state rather than count events are set fresh on every scrape: devices by
// status and the outbox from the database, worker and dnsmasq from the worker's status file.
export const setScrapeGauges = ({ status, outbox, cluster }: ScrapeState): void => {
  const m = metrics();
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
