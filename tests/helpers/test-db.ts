import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

// Applies the committed migrations in order, as `prisma migrate deploy` would, without the CLI.
export const createMigratedDatabase = (file: string): void => {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    for (const dir of readdirSync(migrationsDir).filter((name) => /^\d/.test(name)).sort()) {
      db.exec(readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
    }
  } finally {
    db.close();
  }
};
