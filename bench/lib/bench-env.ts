import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMigratedDatabase } from "../../tests/helpers/test-db";

// A throw-away ktizo instance under /tmp: migrated SQLite file, data and compiled dirs, a fixed key.
// The same variables go to this process (for seeding with the app's own Prisma client) and to the
// production web server it starts.
export type BenchEnv = { root: string; env: Record<string, string> };

export const createBenchEnv = (): BenchEnv => {
  const root = mkdtempSync(path.join(tmpdir(), "ktizo-bench-"));
  const dbFile = path.join(root, "bench.db");
  createMigratedDatabase(dbFile);
  mkdirSync(path.join(root, "data"), { recursive: true });
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: `file:${dbFile}`,
    KTIZO_DATA_DIR: path.join(root, "data"),
    KTIZO_COMPILED_DIR: path.join(root, "compiled"),
    KTIZO_SECRET_KEY: "1e".repeat(32),
    // No outbound traffic from a bench: a missing asset must fail locally, never reach the internet.
    KTIZO_FACTORY_URL: "http://127.0.0.1:9",
  };
  Object.assign(process.env, env);

  return { root, env };
};
