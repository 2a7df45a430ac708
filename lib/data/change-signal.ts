import { sqlite } from "@/lib/db/sqlite";

// "Has anything in the database changed?" for every process at once, at the cost of one pragma.
// SQLite bumps `data_version` on a connection whenever another connection (Prisma's in this
// process, another web process, the worker) commits (https://www.sqlite.org/pragma.html#pragma_data_version).
// Caches compare it per request; live views and held downloads subscribe to it. Commits made
// through the `sqlite()` connection itself do not move it: code writing there wakes its own
// listeners with `announceChange()`.
export const databaseVersion = (): number => Number(sqlite().pragma("data_version", { simple: true }));

const pollMs = 100;

type Signal = { listeners: Set<() => void>; timer: NodeJS.Timeout | null; seen: number; local: number };
const globalForSignal = globalThis as unknown as { ktizoChangeSignal?: Signal };
const signal = (globalForSignal.ktizoChangeSignal ??= { listeners: new Set(), timer: null, seen: 0, local: 0 });

const notifyAll = (): void => {
  for (const listener of [...signal.listeners]) listener();
};

const poll = (): void => {
  const version = databaseVersion();
  if (version !== signal.seen) {
    signal.seen = version;
    notifyAll();
  }
};

// Wakes this process's listeners after a write made on the `sqlite()` connection.
export const announceChange = (): void => {
  signal.local += 1;
  notifyAll();
};

// Calls `listener` within ~100 ms of any commit by any process. The poll runs only while someone
// listens (a live page, a held download): an idle web process holds no timer.
export const onDatabaseChange = (listener: () => void): (() => void) => {
  signal.listeners.add(listener);
  if (!signal.timer) {
    signal.seen = databaseVersion();
    signal.timer = setInterval(poll, pollMs);
    signal.timer.unref();
  }

  return () => {
    signal.listeners.delete(listener);
    if (signal.listeners.size === 0 && signal.timer) {
      clearInterval(signal.timer);
      signal.timer = null;
    }
  };
};
