import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts") },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "worker/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    // Integration tests each get their own SQLite file; network tests own their namespaces.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
