import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The one Prisma client (created once per process, reused across hot reloads). better-sqlite3's `timeout` is SQLite's busy timeout:
// concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
const busyTimeoutMs = 10_000;

const createPrismaClient = (): PrismaClient =>
  new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/ktizo.db", timeout: busyTimeoutMs }),
    log: process.env.KTIZO_LOG_QUERIES === "1" ? ["query", "warn", "error"] : ["warn", "error"],
  });

const globalForPrisma = globalThis as unknown as { ktizoPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.ktizoPrisma ?? createPrismaClient();

// Cached across hot reloads in dev and across module instances in tests; read back above.
globalForPrisma.ktizoPrisma = prisma;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
