import { EventEmitter } from "node:events";
import { readDeviceStatuses } from "@/lib/data/boot-devices";
import { onDatabaseChange } from "@/lib/data/change-signal";

// Wakes held config downloads when their device changes. A change made in this process wakes the
// waiters at once (notifyDeviceChanged). A change made by any other process (another web process,
// the worker, the CLI) moves SQLite's data_version, which lib/data/change-signal.ts reports within
// ~100 ms; then ONE query per process (not one per held request) reads the status of every waited
// device and wakes those whose status moved on. No waiter, no subscription and no query.
type Waited = { waiters: number; status: string };
type Notifier = { emitter: EventEmitter; waited: Map<string, Waited>; unsubscribe: (() => void) | null; checking: boolean; again: boolean };
const globalForNotifier = globalThis as unknown as { ktizoDeviceNotifier3?: Notifier };
const notifier = (globalForNotifier.ktizoDeviceNotifier3 ??= { emitter: new EventEmitter().setMaxListeners(0), waited: new Map(), unsubscribe: null, checking: false, again: false });

export const notifyDeviceChanged = (deviceId: string): void => {
  notifier.emitter.emit(deviceId);
};

const checkWaited = async (): Promise<void> => {
  const ids = [...notifier.waited.keys()];
  if (ids.length === 0) return;
  const rows = await readDeviceStatuses(ids).catch((error: unknown) => {
    console.error("[devices] reading held devices after a database change failed", error);

    return null;
  });
  if (!rows) return;
  const statusOf = new Map(rows.map((row) => [row.id, row.status]));
  for (const id of ids) {
    const waited = notifier.waited.get(id);
    if (waited && statusOf.get(id) !== waited.status) notifyDeviceChanged(id);
  }
};

// Changes arriving while a check runs are folded into one more check after it.
const onChange = (): void => {
  if (notifier.checking) {
    notifier.again = true;

    return;
  }
  notifier.checking = true;
  void checkWaited().finally(() => {
    notifier.checking = false;
    if (notifier.again) {
      notifier.again = false;
      onChange();
    }
  });
};

const subscribe = (): void => {
  notifier.unsubscribe ??= onDatabaseChange(onChange);
};

const unsubscribeWhenIdle = (): void => {
  if (notifier.waited.size > 0 || !notifier.unsubscribe) return;
  notifier.unsubscribe();
  notifier.unsubscribe = null;
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
      unsubscribeWhenIdle();
      resolve();
    };
    const timer = setTimeout(done, ms);
    notifier.emitter.on(deviceId, done);
    signal?.addEventListener("abort", done, { once: true });
    subscribe();
  });
