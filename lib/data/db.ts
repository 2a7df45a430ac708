import { prisma, type Tx } from "@/lib/db/client";
import { asTransactionWork } from "@/lib/db/serialized-adapter";
import { awaitWriteLock } from "./write-lock";

// A client or an open transaction: every lib/data function takes one (default: the shared client),
// so a use-case can run several of them atomically with the audit event that describes the change.
export type Db = typeof prisma | Tx;
export type { Tx };

// Every transaction takes SQLite's write lock with its first statement. The adapter opens a deferred
// `BEGIN`: a transaction that reads first and writes later fails at once with SQLITE_BUSY_SNAPSHOT when
// another connection (the worker, another web process) committed in between, and no busy timeout
// helps (https://www.sqlite.org/isolation.html, https://www.sqlite.org/rescode.html#busy_snapshot).
// A write that matches no row takes the lock up front, so concurrent writers queue on the busy
// timeout instead. Writes are short, so serialising them costs little. The wait for a lock another
// process holds happens first, without blocking the event loop (write-lock.ts).
export const inTransaction = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
  await awaitWriteLock();

  // The work is marked so a query it sends on the client instead of `tx` runs inside this
  // transaction instead of waiting for it to end (lib/db/serialized-adapter.ts).
  return asTransactionWork(() =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "Event" WHERE 0`;
      return work(tx);
    }),
  );
};

// One round trip to SQLite: proves the database file is open and answers.
export const pingDatabase = async (): Promise<void> => {
  await prisma.$queryRaw`SELECT 1`;
};
