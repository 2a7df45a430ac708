import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { applyRetention } from "@/lib/services/events";
import { createJobRunner } from "@/worker/jobs/job-runner";
import { retentionJob } from "@/worker/jobs/retention-job";
import { createLogger } from "@/worker/logger";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

// Retention removes what aged out of each setting and nothing else: live tokens, pending and
// failed deliveries, devices, settings and recent rows all stay.
const day = 86_400_000;
const now = new Date("2026-12-05T12:00:00.000Z");
const ago = (days: number) => new Date(now.getTime() - days * day);

const seed = async () => {
  await seedNetworkSettings({ eventRetentionDays: 30, tokenRetentionDays: 7, deliveryRetentionDays: 14 });
  const device = await prisma.device.create({ data: { mac: "52:54:00:f7:00:01", status: "approved", role: "worker", firstSeenAt: ago(400) } });
  await prisma.event.createMany({
    data: [
      { id: "ev-old", type: "device.registered", actorType: "device", createdAt: ago(31) },
      { id: "ev-edge", type: "device.approved", actorType: "user", createdAt: ago(29) },
      { id: "ev-new", type: "boot.script_served", actorType: "device", createdAt: ago(0) },
    ],
  });
  const token = (id: string, fields: Record<string, Date | null>) => ({ id, deviceId: device.id, tokenHash: `hash-${id}`, createdAt: ago(60), expiresAt: ago(50), ...fields });
  await prisma.bootToken.createMany({
    data: [
      token("tok-used-old", { usedAt: ago(8) }),
      token("tok-used-new", { usedAt: ago(6), expiresAt: ago(-1) }),
      token("tok-voided-old", { voidedAt: ago(10), expiresAt: ago(-1) }),
      token("tok-expired-old", { expiresAt: ago(8) }),
      token("tok-expired-new", { expiresAt: ago(1) }),
      token("tok-live", { createdAt: ago(20), expiresAt: ago(-1) }),
    ],
  });
  const webhook = await prisma.webhook.create({ data: { name: "h", url: "http://127.0.0.1:9/x", secretEnc: "x", events: [] } });
  const delivery = (id: string, status: "pending" | "delivered" | "failed", deliveredAt: Date | null, createdAt: Date) => ({ id, webhookId: webhook.id, event: "device.approved", payload: "{}", status, deliveredAt, createdAt });
  await prisma.webhookDelivery.createMany({
    data: [
      delivery("del-delivered-old", "delivered", ago(15), ago(15)),
      delivery("del-delivered-new", "delivered", ago(13), ago(13)),
      delivery("del-pending-old", "pending", null, ago(100)),
      delivery("del-failed-old", "failed", null, ago(100)),
    ],
  });

  return device;
};

const ids = async () => ({
  events: (await prisma.event.findMany({ where: { type: { not: "retention.applied" } }, orderBy: { id: "asc" } })).map((row) => row.id),
  tokens: (await prisma.bootToken.findMany({ orderBy: { id: "asc" } })).map((row) => row.id),
  deliveries: (await prisma.webhookDelivery.findMany({ orderBy: { id: "asc" } })).map((row) => row.id),
});

beforeEach(async () => {
  await prisma.webhookDelivery.deleteMany();
  await prisma.webhook.deleteMany();
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
});

describe("applyRetention", () => {
  it("removes exactly the aged-out events, dead tokens and delivered deliveries", async () => {
    const device = await seed();
    expect(await applyRetention({ now })).toEqual({ events: 1, bootTokens: 3, webhookDeliveries: 1 });
    expect(await ids()).toEqual({
      events: ["ev-edge", "ev-new"],
      tokens: ["tok-expired-new", "tok-live", "tok-used-new"],
      deliveries: ["del-delivered-new", "del-failed-old", "del-pending-old"],
    });
    expect(await prisma.device.findUnique({ where: { id: device.id } })).not.toBeNull();
    expect(await prisma.networkSettings.count()).toBe(1);
    const [record] = await prisma.event.findMany({ where: { type: "retention.applied" } });
    expect(JSON.parse(record!.details)).toMatchObject({ deleted: { events: 1, bootTokens: 3, webhookDeliveries: 1 }, eventRetentionDays: 30 });
    // Idempotent: a second run finds nothing and records nothing.
    expect(await applyRetention({ now })).toEqual({ events: 0, bootTokens: 0, webhookDeliveries: 0 });
    expect(await prisma.event.count({ where: { type: "retention.applied" } })).toBe(1);
  });

  it("runs as the worker's retention job (with the defaults when no settings exist)", async () => {
    await prisma.event.createMany({
      data: [
        { id: "ev-ancient", type: "device.registered", actorType: "device", createdAt: new Date(Date.now() - 91 * day) },
        { id: "ev-recent", type: "device.registered", actorType: "device", createdAt: new Date(Date.now() - 89 * day) },
      ],
    });
    const lines: string[] = [];
    const log = createLogger("test", (line) => lines.push(line));
    const runner = createJobRunner({ jobs: [retentionJob({ intervalMs: 60_000, log })], log });
    await runner.runNow("retention");
    expect((await ids()).events).toEqual(["ev-recent"]);
    expect(runner.stats()).toEqual([{ name: "retention", runs: 1, failures: 0, lastError: null, running: false }]);
    expect(lines.some((line) => line.includes("retention: deleted 1 events"))).toBe(true);
  });
});
