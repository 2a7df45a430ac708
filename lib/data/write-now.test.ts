import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { databaseFile } from "@/lib/db/database-file";
import { databaseVersion } from "./change-signal";
import { inTransaction } from "./db";
import { nowStatement, writeNow, type NowTx } from "./write-now";

const insertGroup = (tx: NowTx, name: string): void => {
  nowStatement(tx, `INSERT INTO "DeviceGroup" (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(`grp-${name}`, name, Date.now(), Date.now());
};
const groupNames = async (): Promise<string[]> =>
  (await prisma.deviceGroup.findMany({ where: { name: { startsWith: "now-" } }, select: { name: true } })).map((group) => group.name).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("writeNow", () => {
  afterAll(async () => {
    await prisma.deviceGroup.deleteMany({ where: { name: { startsWith: "now-" } } });
  });

  it("retries while a Prisma transaction of this same process holds the lock, without blocking the event loop, and commits after it", async () => {
    let busy = 0;
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    let pending: Promise<void> | null = null;
    const order: string[] = [];
    await inTransaction(async (tx) => {
      // The lock is ours (inTransaction's first statement); the synchronous writer must not wait for it here.
      pending = writeNow((now) => insertGroup(now, "now-after-prisma"), { onBusy: () => (busy += 1) }).then(() => {
        order.push("writeNow");
      });
      const before = ticks;
      // The ORM transaction keeps working across awaits while writeNow backs off.
      await sleep(120);
      await tx.deviceGroup.create({ data: { name: "now-prisma" } });
      expect(ticks - before).toBeGreaterThan(5);
      order.push("prisma");
    });
    await pending;
    clearInterval(ticker);
    expect(busy).toBeGreaterThan(2);
    expect(order).toEqual(["prisma", "writeNow"]);
    expect(await groupNames()).toEqual(["now-after-prisma", "now-prisma"]);
  });

  it("retries while another process holds the lock and gives up with SQLITE_BUSY at its deadline, writing nothing", async () => {
    const other = new Database(databaseFile(), { timeout: 0 });
    other.prepare("BEGIN IMMEDIATE").run();
    let busy = 0;
    const started = Date.now();
    const failed = await writeNow((tx) => insertGroup(tx, "now-never"), { timeoutMs: 200, onBusy: () => (busy += 1) }).catch((error: unknown) => error);
    expect((failed as { code?: string }).code).toBe("SQLITE_BUSY");
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(busy).toBeGreaterThan(3);
    // Released: the next attempt commits at once.
    other.prepare("ROLLBACK").run();
    other.close();
    await writeNow((tx) => insertGroup(tx, "now-released"));
    expect(await groupNames()).toEqual(["now-after-prisma", "now-prisma", "now-released"]);
  });

  it("rolls back everything on any other error, without retrying", async () => {
    let runs = 0;
    const failed = await writeNow((tx) => {
      runs += 1;
      insertGroup(tx, "now-rolled-back");
      throw new Error("boom");
    }).catch((error: unknown) => error);
    expect((failed as Error).message).toBe("boom");
    expect(runs).toBe(1);
    expect(await groupNames()).not.toContain("now-rolled-back");
  });

  it("refuses asynchronous work (a transaction cannot span an await)", async () => {
    await expect(writeNow((async () => 1) as unknown as (tx: NowTx) => number)).rejects.toThrow(/cannot return a promise/);
  });

  it("a commit moves data_version on the reader connection, so caches and listeners see it", async () => {
    const before = databaseVersion();
    await writeNow((tx) => insertGroup(tx, "now-signal"));
    expect(databaseVersion()).not.toBe(before);
  });
});
