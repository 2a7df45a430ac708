import { busyTimeoutMs } from "@/lib/db/database-file";
import { sqlite } from "@/lib/db/sqlite";

// better-sqlite3 waits for a busy database synchronously: a write that finds another process's
// write transaction open sleeps inside SQLite's busy handler for up to the busy timeout, and with it
// this process's whole event loop (every request it holds; measured: a 2 s foreign transaction
// froze the loop for 2 s; docs/benchmarks.md, "Latency at a fixed rate"). With several web
// processes and the worker writing, each froze the others in turn. So before a write transaction
// starts, the lock is probed without waiting (busy timeout 0 on the plain connection, an empty
// BEGIN IMMEDIATE … ROLLBACK) and, while another connection holds it, waited for asynchronously.
// Prisma's own BEGIN right after normally finds the lock free; if another process wins the race it
// falls back to the busy timeout as before, so nothing can fail that did not fail before.
const firstPauseMs = 1;
const maxPauseMs = 16;

const lockIsFree = (): boolean => {
  const connection = sqlite();
  connection.pragma("busy_timeout = 0");
  try {
    connection.exec("BEGIN IMMEDIATE");
    connection.exec("ROLLBACK");

    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
    throw error;
  } finally {
    connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
};

export const awaitWriteLock = async (): Promise<void> => {
  const deadline = Date.now() + busyTimeoutMs;
  let pauseMs = firstPauseMs;
  while (!lockIsFree() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(maxPauseMs, pauseMs * 2);
  }
};
