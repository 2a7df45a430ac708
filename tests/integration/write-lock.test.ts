import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { databaseFile } from "@/lib/db/database-file";
import { inTransaction } from "@/lib/data/db";

// Another process holds SQLite's write lock for a second (as another web process or the worker
// does during a write transaction). A transaction here waits for it without freezing this
// process's event loop (lib/data/write-lock.ts), then commits.
const holder = `
const Database = require(${JSON.stringify(path.resolve("node_modules/better-sqlite3"))});
const db = new Database(process.argv[2], { timeout: 10000 });
db.exec("BEGIN IMMEDIATE");
process.send("locked");
setTimeout(() => { db.exec("ROLLBACK"); db.close(); process.exit(0); }, 1000);
`;

describe("inTransaction while another process holds the write lock", () => {
  it("waits asynchronously: the event loop keeps running, and the transaction commits afterwards", async () => {
    const script = path.join(tmpdir(), `ktizo-lock-holder-${process.pid}.cjs`);
    writeFileSync(script, holder);
    const child = fork(script, [databaseFile()]);
    await new Promise<void>((resolve) => child.once("message", () => resolve()));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const before = await prisma.event.count().catch(() => 0);
    const done = inTransaction(async (tx) => tx.event.create({ data: { type: "test.write_lock", actorType: "system" } }));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    await done;
    clearInterval(ticker);
    const waitedMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 30));
    delay.disable();
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
    expect(waitedMs).toBeGreaterThan(700);
    // The loop ran all along: timers fired while the lock was held by the other process.
    expect(ticks).toBeGreaterThan(15);
    expect(delay.max / 1e6).toBeLessThan(500);
    expect(await prisma.event.count()).toBe(before + 1);
  });
});
