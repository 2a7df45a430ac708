import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { POST as deviceAuthorization } from "@/app/api/v1/oauth/device/route";
import { POST as token } from "@/app/api/v1/oauth/token/route";
import { prisma } from "@/lib/db/client";
import { metrics } from "@/lib/metrics/registry";
import { flushDeviceSightings } from "@/lib/services/boot";
import { resetBoundedEvents } from "@/lib/services/boot/bounded-events";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Events an anonymous caller on the provisioning network can trigger are bounded per request
// pattern (docs/flood-bounds.md): neither a flood of refused OAuth requests nor a machine report
// that changes on every poll may write one audit row (and webhook outbox row) per request.
const form = { "content-type": "application/x-www-form-urlencoded" };
const poll = (deviceCode: string, ip: string) =>
  token(
    machineRequest("/api/v1/oauth/token", {
      method: "POST",
      ip,
      headers: form,
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: deviceCode, client_id: "ktizo" }).toString(),
    }),
    noParams,
  );
const ask = (mac: string, ip: string) =>
  deviceAuthorization(machineRequest(`/api/v1/oauth/device?mac=${mac}`, { method: "POST", ip, headers: form, body: "client_id=ktizo" }), noParams);
const ipxe = (mac: string, ip: string, extra: string) => bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}${extra}`, { ip }), noParams);
const eventCount = (type: string) => prisma.event.count({ where: { type } });
const metricText = (name: string) => metrics().registry.getSingleMetricAsString(name);

beforeAll(async () => {
  await seedNetworkSettings();
  await seedGeneratedCluster();
}, 60_000);

beforeEach(async () => {
  await flushDeviceSightings();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  resetBoundedEvents();
});

describe("refused OAuth requests", () => {
  it("1,000 polls with made-up device codes from one address write a bounded number of events, and every one is counted", async () => {
    const before = await metricText("ktizo_oauth_refusals_total");
    for (let i = 0; i < 1000; i += 1) {
      const reply = await poll(`made-up-${i.toString(36).padStart(40, "x")}`, "10.42.0.66");
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: "invalid_grant" });
    }
    const recorded = await eventCount("device.code_refused");
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeLessThanOrEqual(1);
    expect(await metricText("ktizo_oauth_refusals_total")).not.toBe(before);
    expect(await metricText("ktizo_oauth_refusals_total")).toMatch(/endpoint="token",error="invalid_grant"\} \d+/);
    // Another address, or another refusal reason, is recorded on its own.
    await poll("made-up-other", "10.42.0.67");
    await ask("52:54:00:ee:00:01", "10.42.0.66");
    expect(await eventCount("device.code_refused")).toBe(3);
  });

  it("a flood from many addresses stays within the per-minute budget", async () => {
    for (let i = 0; i < 300; i += 1) await ask("52:54:00:ee:00:02", `10.43.${i >> 8}.${i & 0xff}`);
    expect(await eventCount("device.code_refused")).toBeLessThanOrEqual(60);
    expect(await eventCount("device.code_refused")).toBeGreaterThan(0);
  });
});

describe("the per-minute budget of an event type", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a flood of refusals from 100 addresses records 60; the next recorded one says how many were dropped", async () => {
    await prisma.networkSettings.updateMany({ data: { pendingHoldSeconds: 0 } });
    const device = await prisma.device.create({ data: { mac: "52:54:00:ee:00:20" } });
    const start = Date.now();
    vi.setSystemTime(start);
    for (let i = 0; i < 100; i += 1) {
      expect((await download(machineRequest(`/api/v1/config/download?mac=${device.mac}`, { ip: `10.44.0.${i + 1}` }), noParams)).status).toBe(403);
    }
    expect(await eventCount("config.refused")).toBe(60);
    vi.setSystemTime(start + 61_000);
    expect((await download(machineRequest(`/api/v1/config/download?mac=${device.mac}`, { ip: "10.45.0.1" }), noParams)).status).toBe(403);
    const latest = await prisma.event.findFirstOrThrow({ where: { type: "config.refused" }, orderBy: { createdAt: "desc" } });
    expect(latest.sourceIp).toBe("10.45.0.1");
    expect(JSON.parse(latest.details)).toMatchObject({ code: "pending", droppedSinceLastEvent: 40 });
  });
});

describe("a machine report that changes on every poll", () => {
  it("an approved device's MAC with a new serial on each of 500 polls is a bounded number of identity_changed events", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:ee:00:10", status: "approved", role: "worker", serial: "SN-APPROVED" } });
    for (let i = 0; i < 500; i += 1) await ipxe(device.mac, "10.42.0.66", `&serial=SN-FAKE-${i}`);
    const after = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after.serial).toBe("SN-APPROVED");
    expect(await eventCount("device.identity_changed")).toBeLessThanOrEqual(1);
    // The real machine's own report from another address is still recorded.
    await ipxe(device.mac, "10.42.0.150", "&serial=SN-OTHER");
    expect(await eventCount("device.identity_changed")).toBe(2);
  });
});
