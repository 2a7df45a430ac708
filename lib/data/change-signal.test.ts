import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { databaseFile } from "@/lib/db/database-file";
import { announceChange, databaseVersion, onDatabaseChange } from "./change-signal";

const nextChange = (): Promise<number> =>
  new Promise((resolve) => {
    const started = Date.now();
    const stop = onDatabaseChange(() => {
      stop();
      resolve(Date.now() - started);
    });
  });

describe("change signal", () => {
  const otherProcessConnection = new Database(databaseFile());
  afterAll(async () => {
    otherProcessConnection.close();
    await prisma.deviceGroup.deleteMany({ where: { name: { startsWith: "signal-" } } });
  });

  it("the version moves on a commit by Prisma's connection and stays put on reads", async () => {
    const before = databaseVersion();
    await prisma.deviceGroup.count();
    expect(databaseVersion()).toBe(before);
    await prisma.deviceGroup.create({ data: { name: "signal-prisma" } });
    expect(databaseVersion()).not.toBe(before);
  });

  it("a commit by another connection (another process) wakes a listener within 1 s", async () => {
    const woken = nextChange();
    otherProcessConnection.prepare(`INSERT INTO "DeviceGroup" (id, name, createdAt, updatedAt) VALUES ('grp-signal', 'signal-other', 0, 0)`).run();
    expect(await woken).toBeLessThan(1000);
  });

  it("announceChange wakes listeners at once", async () => {
    const woken = nextChange();
    announceChange();
    expect(await woken).toBeLessThan(50);
  });
});
