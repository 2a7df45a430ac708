import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { prisma } from "@/lib/db/client";
import { flushDeviceSightings } from "@/lib/services/boot";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Rows written per poll, counted by SQLite itself: triggers on every table log each row any
// connection inserts, updates or deletes. A Device update that changes nothing but lastSeenAt and
// lastSourceIp is logged as a sighting (batched: at most one per device per flush,
// device-sightings.ts); anything else a poll writes shows up by table and operation.
const polls = 40;

type Logged = { tbl: string; op: string };

const installWriteLog = async () => {
  await prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS write_log (tbl TEXT, op TEXT)`);
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' AND name <> 'write_log'`,
  );
  for (const { name } of tables) {
    const columns = await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${name}')`);
    const edited = columns
      .map((column) => column.name)
      .filter((column) => column !== "lastSeenAt" && column !== "lastSourceIp")
      .map((column) => `OLD."${column}" IS NOT NEW."${column}"`)
      .join(" OR ");
    const updateOp = name === "Device" ? `CASE WHEN ${edited} THEN 'UPDATE' ELSE 'sighting' END` : `'UPDATE'`;
    for (const [event, op] of [["INSERT", `'INSERT'`], ["UPDATE", updateOp], ["DELETE", `'DELETE'`]]) {
      await prisma.$executeRawUnsafe(`CREATE TRIGGER IF NOT EXISTS "log_${name}_${event}" AFTER ${event} ON "${name}" BEGIN INSERT INTO write_log VALUES ('${name}', ${op}); END`);
    }
  }
};

const logged = async (): Promise<string[]> =>
  (await prisma.$queryRawUnsafe<Logged[]>(`SELECT tbl, op FROM write_log`)).map(({ tbl, op }) => `${tbl}:${op}`);

const poll = async (mac: string) => {
  const response = await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}&arch=x86_64`), noParams);
  expect(response.status).toBe(200);

  return response.text();
};

// Polls until the answer is settled (registration, identity, what it is told), then counts the
// rows `polls` more polls write, the sightings flush included.
const writesOfPolls = async (mac: string): Promise<{ writes: string[]; body: string; seconds: number }> => {
  await poll(mac);
  await poll(mac);
  await flushDeviceSightings();
  await prisma.$executeRawUnsafe(`DELETE FROM write_log`);
  let body = "";
  const start = Date.now();
  for (let n = 0; n < polls; n += 1) body = await poll(mac);
  await flushDeviceSightings();

  return { writes: await logged(), body, seconds: (Date.now() - start) / 1000 };
};

const withoutSightings = (writes: string[]) => writes.filter((write) => write !== "Device:sighting");

beforeAll(async () => {
  await installWriteLog();
  await seedNetworkSettings();
  await seedGeneratedCluster();
}, 60_000);

beforeEach(async () => {
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
});

describe(`${polls} polls of a device whose answer does not change`, () => {
  it.each([
    ["pending", { status: "pending" as const }, "waiting for approval"],
    ["rejected", { status: "rejected" as const }, "was rejected"],
    ["provisioned", { status: "approved" as const, role: "worker" as const, provisionedAt: new Date() }, "exit"],
  ])("%s: no row but the batched sighting", async (_, data, expected) => {
    const mac = "52:54:00:ab:00:01";
    await prisma.device.create({ data: { mac, ...data } });
    const { writes, body, seconds } = await writesOfPolls(mac);
    expect(body).toContain(expected);
    expect(withoutSightings(writes)).toEqual([]);
    // One sighting per flush: the timer's (once a second while the polls run) and the final one.
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(writes.length).toBeLessThan(polls / 4);
  });

  it("approved: every Talos script re-serves the one live token and writes nothing", async () => {
    const mac = "52:54:00:ab:00:02";
    await prisma.device.create({ data: { mac, status: "approved", role: "worker" } });
    const first = await poll(mac);
    const { writes, body } = await writesOfPolls(mac);
    expect(body).toContain("talos.config=");
    expect(body).toBe(first);
    expect(withoutSightings(writes)).toEqual([]);
    expect(await prisma.bootToken.count()).toBe(1);
    // Near its expiry the live token is replaced in place: one row written, still one row.
    await prisma.bootToken.updateMany({ data: { expiresAt: new Date(Date.now() + 60_000) } });
    await prisma.$executeRawUnsafe(`DELETE FROM write_log`);
    const renewed = await poll(mac);
    expect(renewed).not.toBe(first);
    expect(await logged()).toEqual(["BootToken:UPDATE"]);
    expect(await prisma.bootToken.count()).toBe(1);
  });
});

describe("a change of what the device is told", () => {
  it("is written once: the told key and one event, then nothing again", async () => {
    const mac = "52:54:00:ab:00:03";
    const device = await prisma.device.create({ data: { mac, status: "pending" } });
    await writesOfPolls(mac);
    await prisma.device.update({ where: { id: device.id }, data: { status: "rejected" } });
    await prisma.$executeRawUnsafe(`DELETE FROM write_log`);
    expect(await poll(mac)).toContain("was rejected");
    expect((await logged()).sort()).toEqual(["Device:UPDATE", "Event:INSERT"]);
    // The waiting script is not an event of its own (lib/domain/boot/told.ts); the refusal is.
    expect(await prisma.event.findMany({ where: { deviceId: device.id, type: "boot.script_served" }, select: { details: true } })).toEqual([
      { details: expect.stringContaining('"script":"rejected"') },
    ]);
    const { writes } = await writesOfPolls(mac);
    expect(withoutSightings(writes)).toEqual([]);
  });

  it("is recorded once when many requests see the change at the same moment", async () => {
    const mac = "52:54:00:ab:00:04";
    const device = await prisma.device.create({ data: { mac, status: "pending" } });
    await writesOfPolls(mac);
    await prisma.device.update({ where: { id: device.id }, data: { status: "rejected" } });
    // All read the old told key before any swaps it (lib/services/boot/record-told-change.ts): one wins.
    const bodies = await Promise.all(Array.from({ length: 12 }, () => poll(mac)));
    expect(bodies.every((body) => body.includes("was rejected"))).toBe(true);
    expect(await prisma.event.count({ where: { deviceId: device.id, type: "boot.script_served" } })).toBe(1);
  });
});
