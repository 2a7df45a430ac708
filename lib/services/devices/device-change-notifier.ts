import { EventEmitter } from "node:events";
import { readDeviceStatuses } from "@/lib/data/boot-devices";

// Wakes held config downloads when their device changes. A change made in this process wakes the
// waiters at once (notifyDeviceChanged). A change made by another process (a second web instance,
// the CLI, a later restart's writer) is seen by ONE shared poller per process, not one per held
// request: while anyone waits it reads the status of every waited device in one query every
// `crossProcessPollMs` and wakes those whose status moved on. No waiter, no query.
const crossProcessPollMs = 1000;

type Waited = { waiters: number; status: string };
type Notifier = { emitter: EventEmitter; waited: Map<string, Waited>; timer: NodeJS.Timeout | null };
const globalForNotifier = globalThis as unknown as { ktizoDeviceNotifier2?: Notifier };
const notifier = (globalForNotifier.ktizoDeviceNotifier2 ??= { emitter: new EventEmitter().setMaxListeners(0), waited: new Map(), timer: null });

export const notifyDeviceChanged = (deviceId: string): void => {
  notifier.emitter.emit(deviceId);
};

const pollOnce = async (): Promise<void> => {
  const ids = [...notifier.waited.keys()];
  const rows = await readDeviceStatuses(ids).catch((error: unknown) => {
    console.error("[devices] polling held devices failed", error);

    return null;
  });
  if (!rows) return;
  const statusOf = new Map(rows.map((row) => [row.id, row.status]));
  for (const id of ids) {
    const waited = notifier.waited.get(id);
    if (waited && statusOf.get(id) !== waited.status) notifyDeviceChanged(id);
  }
};

const schedule = (): void => {
  if (notifier.timer || notifier.waited.size === 0) return;
  notifier.timer = setTimeout(() => {
    void pollOnce().finally(() => {
      notifier.timer = null;
      schedule();
    });
  }, crossProcessPollMs);
  notifier.timer.unref();
};

type WaitOptions = { deviceId: string; knownStatus: string; ms: number; signal?: AbortSignal };

// Resolves after `ms`, on a change of the device (here or in another process), or on abort.
export const waitForDeviceChange = ({ deviceId, knownStatus, ms, signal }: WaitOptions): Promise<void> =>
  new Promise((resolve) => {
    const entry = notifier.waited.get(deviceId) ?? { waiters: 0, status: knownStatus };
    entry.waiters += 1;
    notifier.waited.set(deviceId, entry);
    const done = () => {
      clearTimeout(timer);
      notifier.emitter.off(deviceId, done);
      signal?.removeEventListener("abort", done);
      entry.waiters -= 1;
      if (entry.waiters === 0 && notifier.waited.get(deviceId) === entry) notifier.waited.delete(deviceId);
      resolve();
    };
    const timer = setTimeout(done, ms);
    notifier.emitter.on(deviceId, done);
    signal?.addEventListener("abort", done, { once: true });
    schedule();
  });
