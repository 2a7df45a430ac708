import { expect, it } from "vitest";
import { writeDeviceSightings } from "@/lib/data/boot-devices";
import { prisma } from "@/lib/db/client";

// The batched last-seen write is one statement for the whole batch (lib/data/boot-devices.ts):
// each device gets its own instant and address, a sighting without an address keeps the stored
// one, devices not in the batch and updatedAt are untouched, and dates are stored as the ORM stores them.
it("writes every sighting of a batch in one statement, as the ORM would", async () => {
  const [a, b, c] = await Promise.all(
    ["52:54:00:5b:00:01", "52:54:00:5b:00:02", "52:54:00:5b:00:03"].map((mac) => prisma.device.create({ data: { mac, lastSourceIp: "10.1.1.1" } })),
  );
  const seenA = new Date("2026-03-01T10:00:00.123Z");
  const seenB = new Date("2026-03-01T10:00:01.456Z");
  const ids = Array.from({ length: 500 }, (_, index) => ({ id: `missing-${index}`, seenAt: seenA, sourceIp: null }));
  await writeDeviceSightings([{ id: a!.id, seenAt: seenA, sourceIp: "10.2.2.2" }, ...ids, { id: b!.id, seenAt: seenB, sourceIp: null }]);
  const [afterA, afterB, afterC] = await Promise.all([a!, b!, c!].map((device) => prisma.device.findUniqueOrThrow({ where: { id: device.id } })));
  expect(afterA).toMatchObject({ lastSeenAt: seenA, lastSourceIp: "10.2.2.2", updatedAt: a!.updatedAt });
  expect(afterB).toMatchObject({ lastSeenAt: seenB, lastSourceIp: "10.1.1.1", updatedAt: b!.updatedAt });
  expect(afterC).toEqual(c);
  const stored = await prisma.$queryRawUnsafe<{ seen: string; first: string; seenKind: string; firstKind: string }[]>(
    `SELECT CAST(lastSeenAt AS TEXT) AS seen, CAST(firstSeenAt AS TEXT) AS first, typeof(lastSeenAt) AS seenKind, typeof(firstSeenAt) AS firstKind FROM "Device" WHERE id = ?`,
    a!.id,
  );
  expect(stored[0]!.seen).toBe("2026-03-01T10:00:00.123+00:00");
  expect(stored[0]!.seenKind).toBe(stored[0]!.firstKind);
  expect(stored[0]!.first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
});
