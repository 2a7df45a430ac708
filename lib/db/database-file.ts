// Where the SQLite file is, as Prisma's `DATABASE_URL` names it (`file:<path>`), read when a
// connection opens so tests can point each file at its own database.
export const databaseFile = (): string => (process.env.DATABASE_URL ?? "file:./data/ktizo.db").replace(/^file:/, "");

// SQLite's busy timeout: concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
export const busyTimeoutMs = 10_000;
