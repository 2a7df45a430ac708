// Applies pending migrations (prisma migrate deploy) and puts the database in WAL mode, so the web
// app and scripts can read while one writer writes. Run on every start; idempotent.
// Prisma's output is kept for failures only: on success it prints one line. Its warning that the
// schema's datasource `url` is unused is expected here (the url stays in the schema so the CLI does
// not try to download a query engine; the driver adapter in prisma.config.ts opens the file).
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { execa } from "execa";

const url = (process.env.DATABASE_URL ??= "file:./data/ktizo.db");
const file = path.resolve(url.replace(/^file:/, ""));
mkdirSync(path.dirname(file), { recursive: true });
const started = Date.now();

const result = await execa("npx", ["prisma", "migrate", "deploy"], { all: true, reject: false, env: { DATABASE_URL: url } });
if (result.exitCode !== 0) {
  process.stderr.write(`${result.all ?? ""}\n[start] database: migration FAILED (prisma migrate deploy exited ${result.exitCode})\n`);
  process.exit(result.exitCode ?? 1);
}

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.close();

const applied = /following migration\(s\) have been applied:([\s\S]*?)All migrations/.exec(result.all ?? "")?.[1]?.match(/\d{14}_[\w-]+/g) ?? [];
const what = applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "up to date";
console.log(`[start] database: ${file} ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
