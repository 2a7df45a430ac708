import type { Logger } from "@/worker/logger";

// The worker's job registry: each job has a name, an interval and a handler, and optionally a
// trigger (a subscription that asks for a run now, e.g. on any database commit). A run never
// overlaps the previous run of the same job: a trigger during a run asks for one more run right
// after it. A failure is logged with its cause and counted (the counts reach /metrics through the
// worker's status file, docs/api.md), and the job runs again at its next interval or trigger.
// Jobs run once right after start.
export type Trigger = (wake: () => void) => () => void;
export type Job = { name: string; intervalMs: number; run: () => Promise<void>; trigger?: Trigger };
export type JobStats = { name: string; runs: number; failures: number; lastError: string | null; running: boolean };
export type JobRunner = { start: () => void; stop: () => Promise<void>; stats: () => JobStats[]; runNow: (name: string) => Promise<void> };

type Slot = { job: Job; stats: JobStats; timer: NodeJS.Timeout | null; current: Promise<void> | null; again: boolean; unsubscribe: (() => void) | null };

export const createJobRunner = ({ jobs, log, onFailure }: { jobs: Job[]; log: Logger; onFailure?: (stats: JobStats) => void }): JobRunner => {
  const slots = new Map<string, Slot>(
    jobs.map((job) => [job.name, { job, stats: { name: job.name, runs: 0, failures: 0, lastError: null, running: false }, timer: null, current: null, again: false, unsubscribe: null }]),
  );
  let stopped = false;

  const runSlot = (slot: Slot): Promise<void> => {
    if (slot.current) return slot.current;
    slot.stats.running = true;
    slot.current = slot.job
      .run()
      .then(() => {
        slot.stats.runs += 1;
      })
      .catch((error: unknown) => {
        slot.stats.runs += 1;
        slot.stats.failures += 1;
        slot.stats.lastError = error instanceof Error ? error.message : String(error);
        log.error(`job ${slot.job.name} failed (${slot.stats.failures} of ${slot.stats.runs} runs)`, error);
        onFailure?.({ ...slot.stats });
      })
      .finally(() => {
        slot.stats.running = false;
        slot.current = null;
        if (slot.again && !stopped) {
          slot.again = false;
          void runSlot(slot);
        }
      });

    return slot.current;
  };

  const wake = (slot: Slot) => (): void => {
    if (stopped) return;
    if (slot.current) slot.again = true;
    else void runSlot(slot);
  };

  const schedule = (slot: Slot): void => {
    if (stopped) return;
    slot.timer = setTimeout(() => void runSlot(slot).finally(() => schedule(slot)), slot.job.intervalMs);
  };

  return {
    start: () => {
      for (const slot of slots.values()) {
        void runSlot(slot).finally(() => schedule(slot));
        slot.unsubscribe = slot.job.trigger?.(wake(slot)) ?? null;
      }
    },
    stop: async () => {
      stopped = true;
      for (const slot of slots.values()) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.unsubscribe?.();
      }
      await Promise.all([...slots.values()].map((slot) => slot.current));
    },
    stats: () => [...slots.values()].map((slot) => ({ ...slot.stats })),
    runNow: async (name) => {
      const slot = slots.get(name);
      if (!slot) throw new Error(`no job named ${name}`);
      await runSlot(slot);
    },
  };
};
