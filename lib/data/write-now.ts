import type { Database, Statement } from "better-sqlite3";
import { busyTimeoutMs } from "@/lib/db/database-file";
import { sqliteWriter } from "@/lib/db/sqlite";

// An open synchronous write transaction on the plain writer connection. Opaque outside lib/data:
// services pass it on to the lib/data functions whose names end in `Now`.
export type NowTx = { readonly db: Database };

// Each SQL text prepared once per connection (a reopened one, as in tests that switch files, prepares again).
const byConnection = new WeakMap<Database, Map<string, Statement>>();

export const nowStatement = ({ db }: NowTx, sql: string): Statement => {
  let prepared = byConnection.get(db);
  if (!prepared) byConnection.set(db, (prepared = new Map()));
  let found = prepared.get(sql);
  if (!found) prepared.set(sql, (found = db.prepare(sql)));

  return found;
};

// A DateTime as the ORM writes it through the adapter (@prisma/adapter-better-sqlite3, iso8601 format),
// so rows written here read, sort and compare like the ORM's own.
export const dateColumn = (date: Date): string => date.toISOString().replace("Z", "+00:00");

// SQLite's "another connection holds the lock" (SQLITE_BUSY*, SQLITE_LOCKED*), as better-sqlite3 throws it.
export const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;

  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type RetryOptions = { timeoutMs: number; pauseMs: (attempt: number) => number; onBusy?: ((attempt: number) => void) | undefined };

// Runs the synchronous `attempt` until it does not throw SQLite's busy error, pausing between tries
// (yielding the event loop) for pauseMs(attempt); once timeoutMs has passed, the busy error is thrown.
// Shared by writeNow and the ORM's lock probe (write-lock.ts).
export const retryWhileBusy = async <T>(attempt: () => T, { timeoutMs, pauseMs, onBusy }: RetryOptions): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 1; ; tries += 1) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      onBusy?.(tries);
    }
    await sleep(pauseMs(tries));
  }
};

export type WriteNowOptions = { timeoutMs?: number; onBusy?: (attempt: number) => void };

// Runs `work` as ONE short write transaction (BEGIN IMMEDIATE: the write lock with the first
// statement) of synchronous prepared statements: a handful of rows cost tens of microseconds, where
// the same writes through the ORM's interactive transaction cost milliseconds of CPU. The writer
// connection never waits for the lock (lib/db/sqlite.ts): when another connection holds it (a Prisma
// transaction of this process, another web process, the worker), the attempt rolls back at once and
// is retried after a short, growing, jittered pause that yields the event loop, until the same
// deadline a waiting ORM write has (busyTimeoutMs); then the busy error is thrown. `work` must be
// synchronous (better-sqlite3 refuses a promise) and may run more than once.
export const writeNow = <T>(work: (tx: NowTx) => T, { timeoutMs = busyTimeoutMs, onBusy }: WriteNowOptions = {}): Promise<T> =>
  retryWhileBusy(
    () => {
      const db = sqliteWriter();

      return db.transaction(() => work({ db })).immediate();
    },
    { timeoutMs, onBusy, pauseMs: (attempt) => Math.min(2 ** attempt, 50) * (0.5 + Math.random() / 2) },
  );

// Runs `work` inside the open transaction as a savepoint of its own: when it throws, its writes
// alone are undone and the error goes on to the caller, which may carry on with the transaction.
// (better-sqlite3 turns a nested transaction into SAVEPOINT / RELEASE / ROLLBACK TO.)
export const savepointNow = <T>({ db }: NowTx, work: () => T): T => db.transaction(work).deferred();
