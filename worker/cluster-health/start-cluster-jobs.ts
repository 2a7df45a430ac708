import { bootstrapCluster, collectClusterHealth, currentTalosCredentials, listPollableNodes, pollNodeHealth, type PollableNode } from "@/lib/services/cluster";
import { systemActor } from "@/lib/auth/principal";
import type { Logger } from "@/worker/logger";
import type { ClusterJobsConfig } from "./config";
import { createNodeScheduler } from "./node-scheduler";

export type ClusterJobs = { stop: () => Promise<void> };

// The worker's cluster jobs (docs/cluster.md): automatic bootstrap of the first control plane, the
// per-node Talos poll and the cluster-wide Kubernetes poll. Each runs on its own: a tick only
// starts what is due and not already running, and never awaits a node, so neither dnsmasq
// supervision nor a healthy node ever waits for a dead one.
export const startClusterJobs = ({ config, log }: { config: ClusterJobsConfig; log: Logger }): ClusterJobs => {
  let lastBootstrapNote = "";
  let bootstrapBusy = false;
  let listBusy = false;
  let clusterBusy = false;
  let clusterNextAt = 0;
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>) => {
    running.add(promise);
    void promise.finally(() => running.delete(promise));
  };

  const scheduler: ReturnType<typeof createNodeScheduler<PollableNode>> = createNodeScheduler<PollableNode>({
    intervalMs: config.intervalMs,
    backoffMaxMs: config.backoffMaxMs,
    poll: async (node): Promise<boolean> => {
      const credentials = await currentTalosCredentials();
      if (!credentials) return false;
      return pollNodeHealth({ node, credentials, port: config.talos.port, timeoutMs: config.timeoutMs, failures: scheduler.failuresOf(node.id) });
    },
  });

  const bootstrapTick = () => {
    if (bootstrapBusy) return;
    bootstrapBusy = true;
    track(
      bootstrapCluster({ manual: false, actor: systemActor, talos: config.talos })
        .then((result) => {
          const note = result.outcome === "skipped" ? `skipped: ${result.reason}` : result.outcome === "retrying" ? `retrying: ${result.message}` : result.outcome;
          if (note !== lastBootstrapNote) log.info(`bootstrap ${note}`);
          lastBootstrapNote = note;
        })
        .catch((error: unknown) => log.error("bootstrap tick failed", error))
        .finally(() => (bootstrapBusy = false)),
    );
  };

  const nodesTick = () => {
    if (listBusy) return;
    listBusy = true;
    track(
      listPollableNodes()
        .then((nodes) => !stopped && scheduler.tick(nodes))
        .catch((error: unknown) => log.error("listing nodes failed", error))
        .finally(() => (listBusy = false)),
    );
  };

  const clusterTick = () => {
    if (clusterBusy || Date.now() < clusterNextAt) return;
    clusterBusy = true;
    track(
      collectClusterHealth({ timeoutMs: config.timeoutMs })
        .catch((error: unknown) => log.error("cluster health collection failed", error))
        .finally(() => {
          clusterBusy = false;
          clusterNextAt = Date.now() + config.intervalMs;
        }),
    );
  };

  const timer = setInterval(() => {
    bootstrapTick();
    nodesTick();
    clusterTick();
  }, config.tickMs);
  timer.unref();
  log.info(`cluster jobs started (tick ${config.tickMs} ms, poll every ${config.intervalMs} ms, Talos API port ${config.talos.port})`);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...running, scheduler.settle()]);
    },
  };
};
