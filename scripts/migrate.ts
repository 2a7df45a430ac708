// Applies pending migrations (prisma migrate deploy) and puts the database in WAL mode, so the web
// app and scripts can read while one writer writes. Run on every start; idempotent.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { execa } from "execa";

const url = (process.env.DATABASE_URL ??= "file:./data/ktizo.db");
const file = path.resolve(url.replace(/^file:/, ""));
mkdirSync(path.dirname(file), { recursive: true });

await execa("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { DATABASE_URL: url } });

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.close();
console.log(`[migrate] ${file} is up to date (WAL)`);
