import { prisma, type Tx } from "@/lib/db/client";

// A client or an open transaction: every lib/data function takes one (default: the shared client),
// so a use-case can run several of them atomically with the audit event that describes the change.
export type Db = typeof prisma | Tx;
export type { Tx };

export const inTransaction = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => prisma.$transaction(work);

// A list column holds JSON text; anything but an array of strings there is a broken invariant,
// not an empty list, so it fails loudly instead of silently reading as [].
export const stringList = (text: string, column: string): string[] => {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw new Error(`${column} does not hold a JSON list of strings`);

  return value;
};

// One round trip to SQLite: proves the database file is open and answers.
export const pingDatabase = async (): Promise<void> => {
  await prisma.$queryRaw`SELECT 1`;
};
