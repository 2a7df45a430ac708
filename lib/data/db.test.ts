import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { inTransaction } from "./db";

// Another process (the worker, a second web process) holds its own connection to the same file.
const otherConnection = (): Database.Database => new Database((process.env.DATABASE_URL ?? "").replace(/^file:/, ""), { timeout: 0 });
const writeFromOther = (db: Database.Database, name: string): void => {
  db.prepare(`INSERT INTO "DeviceGroup" (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(`grp-${name}`, name, Date.now(), Date.now());
};

describe("inTransaction", () => {
  const other = otherConnection();
  afterAll(async () => {
    other.close();
    await prisma.deviceGroup.deleteMany({ where: { name: { startsWith: "tx-lock-" } } });
  });

  it("holds the write lock from its first statement, so a read-then-write cannot lose its snapshot", async () => {
    let refusedWhileOpen: unknown;
    await inTransaction(async (tx) => {
      await tx.deviceGroup.count();
      try {
        writeFromOther(other, "tx-lock-during");
      } catch (error) {
        refusedWhileOpen = error;
      }
      await tx.deviceGroup.create({ data: { name: "tx-lock-inside" } });
    });
    expect((refusedWhileOpen as { code?: string } | undefined)?.code).toBe("SQLITE_BUSY");
    writeFromOther(other, "tx-lock-after");
    const names = (await prisma.deviceGroup.findMany({ where: { name: { startsWith: "tx-lock-" } }, select: { name: true } })).map((group) => group.name).sort();
    expect(names).toEqual(["tx-lock-after", "tx-lock-inside"]);
  });
});
