import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { strayQueryCount } from "@/lib/db/serialized-adapter";
import { inTransaction } from "@/lib/data/db";

// The one Prisma connection of a process (lib/db/serialized-adapter.ts): a read another request
// sends outside a transaction while a transaction is open waits for it to end, instead of running
// inside it. (Prisma already runs every model write through the adapter's transaction mutex.)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (type: string) => ({ data: { type, actorType: "system" } });

describe("the Prisma connection shared by transactions and everything else", () => {
  it("a read sent while a transaction is open never sees its uncommitted rows", async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = inTransaction(async (tx) => {
      await tx.event.create(event("test.serial.dirty"));
      opened();
      await sleep(150);
      throw new Error("rolled back");
    }).catch(() => null);
    await open;
    const seen = await prisma.event.count({ where: { type: "test.serial.dirty" } });
    await failing;
    expect(seen).toBe(0);
  });

  it("a query sent on the client from inside transaction work runs in it (no wait for itself) and is counted", async () => {
    const before = strayQueryCount();
    const created = await inTransaction(async (tx) => {
      await tx.event.create(event("test.serial.stray"));
      // The stray query: `prisma` where `tx` was meant. It sees the transaction's own row.
      return prisma.event.count({ where: { type: "test.serial.stray" } });
    });
    expect(created).toBe(1);
    expect(strayQueryCount()).toBe(before + 1);
  });
});
