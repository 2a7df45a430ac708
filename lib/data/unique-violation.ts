// A write refused by a unique index: the ORM's P2002, or SQLite's own code from a synchronous
// transaction on the plain writer connection (better-sqlite3, lib/data/write-now.ts). Callers
// that race on a unique value (a MAC, a hostname, a user code) retry with another value.
export const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;

  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE";
};
