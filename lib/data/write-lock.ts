import { busyTimeoutMs } from "@/lib/db/database-file";
import { sqliteWriter } from "@/lib/db/sqlite";
import { isBusy, retryWhileBusy } from "./write-now";

// better-sqlite3 waits for a busy database synchronously: a write that finds another process's
// write transaction open sleeps inside SQLite's busy handler for up to the busy timeout, and with it
// this process's whole event loop (every request it holds; measured: a 2 s foreign transaction
// froze the loop for 2 s; docs/benchmarks.md, "Latency at a fixed rate"). With several web
// processes and the worker writing, each froze the others in turn. So before a write transaction
// starts, the lock is probed without waiting (an empty BEGIN IMMEDIATE … ROLLBACK on the writer
// connection, whose busy timeout is 0) and, while another connection holds it, waited for
// asynchronously (as lib/data/write-now.ts does for its own transactions).
// Prisma's own BEGIN right after normally finds the lock free; if another process wins the race it
// falls back to the busy timeout as before, so nothing can fail that did not fail before.
const maxPauseMs = 16;

// An empty write transaction: throws SQLite's busy error while another connection holds the lock.
const probeLock = (): void => {
  const connection = sqliteWriter();
  connection.exec("BEGIN IMMEDIATE");
  connection.exec("ROLLBACK");
};

export const awaitWriteLock = async (): Promise<void> => {
  // Pauses of 1, 2, 4, 8, then 16 ms. At the deadline the ORM's own BEGIN waits as it always did.
  await retryWhileBusy(probeLock, { timeoutMs: busyTimeoutMs, pauseMs: (attempt) => Math.min(maxPauseMs, 2 ** (attempt - 1)) }).catch((error: unknown) => {
    if (!isBusy(error)) throw error;
  });
};
