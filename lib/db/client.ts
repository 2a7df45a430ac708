import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { busyTimeoutMs, databaseFile } from "./database-file";
import { serializedAdapter } from "./serialized-adapter";

// The one Prisma client (created once per process, reused across hot reloads).

const createPrismaClient = (): PrismaClient =>
  new PrismaClient({
    adapter: serializedAdapter(new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: busyTimeoutMs })),
    log: process.env.KTIZO_LOG_QUERIES === "1" ? ["query", "warn", "error"] : ["warn", "error"],
  });

const globalForPrisma = globalThis as unknown as { ktizoPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.ktizoPrisma ?? createPrismaClient();

// Cached across hot reloads in dev and across module instances in tests; read back above.
globalForPrisma.ktizoPrisma = prisma;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
