import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { inTransaction } from "@/lib/data/db";
import { saveDeviceIdentity } from "@/lib/data/device-identity";
import { writeNow } from "@/lib/data/write-now";
import { recordEvent, recordEventNow, type RecordEventInput } from "@/lib/events/record-event";
import { commitDownload } from "@/lib/services/boot/commit-config-download";

// The config download commits on the plain writer connection (lib/data/write-now.ts) and records its
// events with recordEventNow: the rows must be those the ORM path (recordEvent) writes for the same
// event, in the same storage formats, outbox rows included.
const isoText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;
const stored = async (table: string, column: string, id: string) =>
  (await prisma.$queryRawUnsafe<{ value: string; kind: string }[]>(`SELECT CAST(${column} AS TEXT) AS value, typeof(${column}) AS kind FROM "${table}" WHERE id = ?`, id))[0]!;

// A row without the columns that differ between any two writes (its id and its time).
const without = (row: object, keys: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));

const webhook = (name: string, events: string[], enabled = true) => prisma.webhook.create({ data: { name, url: `http://127.0.0.1:9/${name}`, events, enabled, secretEnc: "x" } });

const approvedDevice = async (mac: string) => {
  const device = await prisma.device.create({ data: { mac, status: "approved", role: "worker", hostname: `host-${mac.slice(-2)}`, ipAddress: "10.42.0.77", bootAction: "reinstall" } });
  const token = await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: `hash-${mac}`, expiresAt: new Date(Date.now() + 60_000) } });
  const other = await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: `other-${mac}`, expiresAt: new Date(Date.now() + 60_000) } });

  return { device, token, other };
};

beforeEach(async () => {
  await prisma.webhookDelivery.deleteMany();
  await prisma.webhook.deleteMany();
  await prisma.event.deleteMany();
  await prisma.bootToken.deleteMany();
  await prisma.device.deleteMany();
});

describe("the config download's commit", () => {
  it("spends the token, voids the others, provisions the device and records both events with their outbox rows, once", async () => {
    const hook = await webhook("both", ["config.downloaded", "device.provisioned"]);
    await webhook("other", ["device.rejected"]);
    await webhook("off", ["config.downloaded"], false);
    const { device, token, other } = await approvedDevice("52:54:00:dd:00:01");
    const before = Date.now();

    expect(await commitDownload({ device, token, source: "token", sourceIp: "10.42.0.77" })).toBe(true);
    // The same token again (a concurrent or replayed request): refused, nothing written.
    expect(await commitDownload({ device, token, source: "token", sourceIp: "10.42.0.77" })).toBe(false);

    const after = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after).toMatchObject({ configDownloadCount: 1, lastDownloadIp: "10.42.0.77", bootAction: "install", lastToldKey: null });
    expect(after.provisionedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect((await stored("Device", "provisionedAt", device.id)).value).toMatch(isoText);
    expect((await prisma.bootToken.findUniqueOrThrow({ where: { id: token.id } })).usedAt).not.toBeNull();
    expect((await prisma.bootToken.findUniqueOrThrow({ where: { id: other.id } })).voidedAt).not.toBeNull();

    const events = await prisma.event.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.type, JSON.parse(event.details)])).toEqual([
      ["config.downloaded", { source: "token", count: 1, wasReinstall: true }],
      ["device.provisioned", { hostname: "host-01" }],
    ]);
    expect(events.every((event) => event.actorType === "device" && event.actorName === device.mac && event.sourceIp === "10.42.0.77")).toBe(true);
    const deliveries = await prisma.webhookDelivery.findMany({ orderBy: { event: "asc" } });
    expect(deliveries.map((row) => [row.webhookId, row.event, row.status, row.attempts])).toEqual([
      [hook.id, "config.downloaded", "pending", 0],
      [hook.id, "device.provisioned", "pending", 0],
    ]);
    for (const row of deliveries) {
      const event = events.find((candidate) => candidate.type === row.event)!;
      expect(JSON.parse(row.payload)).toMatchObject({ eventId: event.id, occurredAt: event.createdAt.toISOString() });
      expect(row.nextAttemptAt.getTime()).toBe(event.createdAt.getTime());
      expect((await stored("WebhookDelivery", "nextAttemptAt", row.id)).value).toMatch(isoText);
    }
  });

  it("recordEventNow writes what recordEvent writes for the same event: columns, formats, outbox payload", async () => {
    await webhook("all", ["device.provisioned"]);
    const { device } = await approvedDevice("52:54:00:dd:00:02");
    const input: RecordEventInput = { type: "device.provisioned", actor: { type: "device", id: device.id, name: device.mac }, sourceIp: "10.42.0.5", deviceId: device.id, details: { hostname: "h" } };
    const viaNow = await writeNow((tx) => recordEventNow(input, tx));
    await inTransaction((tx) => recordEvent(input, tx));

    const events = await prisma.event.findMany({ orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(2);
    const strip = (event: (typeof events)[number]) => without(event, ["id", "createdAt"]);
    expect(strip(events.find((event) => event.id === viaNow.id)!)).toEqual(strip(events.find((event) => event.id !== viaNow.id)!));
    const formats = await Promise.all(events.map((event) => stored("Event", "createdAt", event.id)));
    expect(formats.map((format) => format.kind)).toEqual(["text", "text"]);
    for (const format of formats) expect(format.value).toMatch(isoText);

    const payloads = (await prisma.webhookDelivery.findMany()).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
    expect(payloads).toHaveLength(2);
    const [a, b] = payloads.map((payload) => without(payload, ["eventId", "occurredAt"]));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ event: "device.provisioned", device: { id: device.id, mac: device.mac, status: "approved", role: "worker", ipAddress: "10.42.0.77" } });
  });

  it("saves a changed identity verdict once (compare-and-set), in the ORM's date format, leaving updatedAt alone", async () => {
    const { device } = await approvedDevice("52:54:00:dd:00:03");
    const verdict = { status: "unverifiable", reason: "ip-only: loopback" };
    const from = { status: null, reason: null };
    expect(await saveDeviceIdentity({ deviceId: device.id, from, ...verdict })).toBe(true);
    // A concurrent request that read the same old values loses.
    expect(await saveDeviceIdentity({ deviceId: device.id, from, ...verdict })).toBe(false);
    const row = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(row).toMatchObject({ identityStatus: "unverifiable", identityReason: "ip-only: loopback", updatedAt: device.updatedAt });
    expect((await stored("Device", "identityCheckedAt", device.id)).value).toMatch(isoText);
  });
});
