import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { workerStatusSchema, type WorkerCounters, type WorkerStatus } from "@/lib/schemas/worker-status";
import type { Logger } from "@/worker/logger";

export type StatusFields = Omit<WorkerStatus, "heartbeatAt" | "workerPid" | "startedAt" | "counters">;

export type StatusPublisher = {
  // Merge a change and write it at once (the dashboard should not wait for the next heartbeat).
  update: (patch: Partial<StatusFields>) => void;
  current: () => WorkerStatus;
  // Resolves when every write queued so far is on disk.
  flush: () => Promise<void>;
  close: (patch?: Partial<StatusFields>) => Promise<void>;
};

// `counters`: read at every write (the job counters that /metrics shows, worker/jobs/).
export type StatusPublisherOptions = { file: string; heartbeatMs: number; log: Logger; counters?: () => WorkerCounters };

const initial: StatusFields = {
  state: "starting",
  reason: null,
  dnsmasqPid: null,
  configHash: null,
  servingLastGood: false,
  lastReloadAt: null,
  lastError: null,
  restarts: 0,
};

export const createStatusPublisher = ({ file, heartbeatMs, log, counters }: StatusPublisherOptions): StatusPublisher => {
  const startedAt = new Date().toISOString();
  let fields: StatusFields = { ...initial };
  let queue: Promise<void> = Promise.resolve();

  const snapshot = (): WorkerStatus =>
    workerStatusSchema.parse({ ...fields, workerPid: process.pid, startedAt, heartbeatAt: new Date().toISOString(), counters: counters?.() });

  // Writes are chained so an older snapshot never lands after a newer one; a failed write is
  // logged and retried by the next heartbeat rather than taking the worker down.
  const write = () => {
    let body: string;
    try {
      body = `${JSON.stringify(snapshot(), null, 2)}\n`;
    } catch (error) {
      // A bug, not a runtime condition: never let it take down the supervisor that called update().
      log.error("refusing to write an invalid status", error);

      return queue;
    }
    // 0644 whatever the umask: the web app, possibly another user (docs/deployment.md), reads it. It holds no secret.
    queue = queue.then(() => writeFileAtomic(file, body, { mode: 0o644 })).catch((error: unknown) => log.error(`cannot write ${file}`, error));

    return queue;
  };

  const timer = setInterval(write, heartbeatMs);
  void write();

  return {
    update: (patch) => {
      fields = { ...fields, ...patch };
      void write();
    },
    current: snapshot,
    flush: () => queue,
    close: async (patch) => {
      clearInterval(timer);
      fields = { ...fields, ...patch };
      await write();
    },
  };
};
