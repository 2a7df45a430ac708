import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMigratedDatabase } from "@/tests/helpers/test-db";

// Each test file (vitest forks) gets its own migrated SQLite file, data dir and compiled dir,
// so integration tests run against a real database without touching data/ or each other.
const root = mkdtempSync(path.join(tmpdir(), "ktizo-test-"));
const dbFile = path.join(root, "test.db");
createMigratedDatabase(dbFile);

process.env.DATABASE_URL = `file:${dbFile}`;
process.env.KTIZO_DATA_DIR = path.join(root, "data");
process.env.KTIZO_COMPILED_DIR = path.join(root, "compiled");
process.env.KTIZO_SECRET_KEY ??= "0f".repeat(32);
process.env.KTIZO_TEST_ROOT = root;
