import { busyTimeoutMs } from "@/lib/db/database-file";
import { sqliteWriter } from "@/lib/db/sqlite";
import { isBusy } from "./write-now";

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
const firstPauseMs = 1;
const maxPauseMs = 16;


const lockIsFree = (): boolean => {
  try {
    const connection = sqliteWriter();
    connection.exec("BEGIN IMMEDIATE");
    connection.exec("ROLLBACK");

    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
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
