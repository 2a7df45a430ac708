import { backoffDelayMs } from "@/lib/domain/backoff";

export type ScheduledNode = { id: string };

type NodeState = { nextAt: number; failures: number; inFlight: boolean };

type SchedulerOptions<T extends ScheduledNode> = {
  intervalMs: number;
  backoffMaxMs: number;
  // Polls one node; resolves true when it answered.
  poll: (node: T) => Promise<boolean>;
  now?: () => number;
};

// Per-node polling: every node has its own due time and at most one poll in flight, and polls run
// side by side, so a slow or dead node delays only itself. A node that does not answer waits
// interval, 2×interval, 4×interval… (capped) before the next try; one answer resets that.
export const createNodeScheduler = <T extends ScheduledNode>({ intervalMs, backoffMaxMs, poll, now = Date.now }: SchedulerOptions<T>) => {
  const states = new Map<string, NodeState>();
  const running = new Set<Promise<void>>();

  const tick = (nodes: T[]): void => {
    const present = new Set(nodes.map((node) => node.id));
    for (const id of states.keys()) if (!present.has(id) && !states.get(id)!.inFlight) states.delete(id);
    for (const node of nodes) {
      const state = states.get(node.id) ?? { nextAt: 0, failures: 0, inFlight: false };
      states.set(node.id, state);
      if (state.inFlight || now() < state.nextAt) continue;
      state.inFlight = true;
      const run = poll(node)
        .catch(() => false)
        .then((answered) => {
          state.failures = answered ? 0 : state.failures + 1;
          state.nextAt = now() + (answered ? intervalMs : backoffDelayMs({ failures: state.failures, backoff: { baseMs: intervalMs, factor: 2, capMs: backoffMaxMs } }));
        })
        .finally(() => {
          state.inFlight = false;
          running.delete(run);
        });
      running.add(run);
    }
  };

  return {
    tick,
    failuresOf: (id: string) => states.get(id)?.failures ?? 0,
    // Lets shutdown wait for polls in flight (each is bounded by its call deadline).
    settle: () => Promise.allSettled([...running]).then(() => undefined),
  };
};
