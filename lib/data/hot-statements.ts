import type { Database, Statement } from "better-sqlite3";
import { sqlite } from "@/lib/db/sqlite";

// Prepared statements of the machine-facing hot path on the plain `sqlite()` connection: each SQL
// text is prepared once per connection (a reopened connection, as in tests that switch database
// files, prepares again) and then only bound and stepped: no ORM call, no query compiler.
const byConnection = new WeakMap<Database, Map<string, Statement>>();

export const statement = (sql: string): Statement => {
  const db = sqlite();
  let prepared = byConnection.get(db);
  if (!prepared) byConnection.set(db, (prepared = new Map()));
  let found = prepared.get(sql);
  if (!found) prepared.set(sql, (found = db.prepare(sql)));

  return found;
};

// Caches of values read from the database, valid until any connection in any process commits:
// one `PRAGMA data_version` per call (https://www.sqlite.org/pragma.html#pragma_data_version), the
// read only when it moved. The version is taken before the read, so a commit racing the read moves
// it again and the next call re-reads. Keyed on the connection too: a reopened one counts anew.
export const versionCached = <T>(read: () => T): (() => T) => {
  let held: { db: Database; version: number; value: T } | null = null;

  return () => {
    const db = sqlite();
    const version = Number(statement("PRAGMA data_version").pluck().get());
    if (held && held.db === db && held.version === version) return held.value;
    const value = read();
    held = { db, version, value };

    return value;
  };
};

// SQLite hands back what Prisma stored: a DateTime as ISO text (or epoch ms), a Boolean as 0/1.
export const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string | number));
export const flagOf = (value: unknown): boolean => value === true || Number(value) === 1;
