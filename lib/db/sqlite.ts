import Database from "better-sqlite3";
import { busyTimeoutMs, databaseFile } from "./database-file";

// A second, plain better-sqlite3 connection to the same file, next to Prisma's. It serves what must
// cost almost nothing per request: prepared statements on the machine-facing hot path and
// `PRAGMA data_version` for change detection (lib/data/change-signal.ts). It is a different
// connection from Prisma's on purpose: SQLite reports through data_version the commits of every
// OTHER connection, so Prisma's writes in this process show up here too
// (https://www.sqlite.org/pragma.html#pragma_data_version).
const globalForSqlite = globalThis as unknown as { ktizoSqlite?: Database.Database; ktizoSqliteWriter?: Database.Database };

export const sqlite = (): Database.Database => {
  if (!globalForSqlite.ktizoSqlite) {
    const connection = new Database(databaseFile(), { timeout: busyTimeoutMs });
    connection.pragma("journal_mode = WAL");
    globalForSqlite.ktizoSqlite = connection;
  }

  return globalForSqlite.ktizoSqlite;
};

// A third connection for the few synchronous write transactions of the hot path (lib/data/write-now.ts).
// Busy timeout 0: a synchronous wait for the lock would block the event loop, and with it the Prisma
// transaction of this same process that holds the lock; a busy lock fails at once and the caller
// retries asynchronously. Its own connection, so its commits move `data_version` of the one above
// like any other writer's (change-signal.ts) and a failed write never leaves the reader inside a
// transaction.
export const sqliteWriter = (): Database.Database => {
  if (!globalForSqlite.ktizoSqliteWriter) {
    const connection = new Database(databaseFile(), { timeout: 0 });
    try {
      connection.pragma("journal_mode = WAL");
    } catch (error) {
      // Busy too (the caller retries): no half-opened connection is kept or leaked.
      connection.close();
      throw error;
    }
    globalForSqlite.ktizoSqliteWriter = connection;
  }

  return globalForSqlite.ktizoSqliteWriter;
};

// Tests that swap DATABASE_URL between files close the connections so the next call reopens.
export const closeSqlite = (): void => {
  globalForSqlite.ktizoSqlite?.close();
  delete globalForSqlite.ktizoSqlite;
  globalForSqlite.ktizoSqliteWriter?.close();
  delete globalForSqlite.ktizoSqliteWriter;
};
