import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { prisma } from "@/lib/db/client";
import { metrics } from "@/lib/metrics/registry";
import { flushDeviceSightings } from "@/lib/services/boot";
import { resetRegistrationLimiter } from "@/lib/services/boot/admit-registration";
import { resetPendingCapEvents } from "@/lib/services/boot/pending-cap";
import { ipForMac, machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Bounded writes under flood: anonymous boot traffic may poll as often as it likes, but only a
// change of what a device is told writes an event; new MACs are limited per source address and
// by the pending cap; nothing refused grows the database per request.
const ipxe = (mac: string, ip = "10.42.0.150", extra = "") => bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}${extra}`, { ip }), noParams);
const post = (body: unknown, ip: string) =>
  register(machineRequest("/api/v1/devices/register", { method: "POST", ip, body: JSON.stringify(body), headers: { "content-type": "application/json" } }), noParams);
const macOf = (prefix: string, n: number) => `${prefix}:${(n >> 8).toString(16).padStart(2, "0")}:${(n & 0xff).toString(16).padStart(2, "0")}`;
const refusedMetric = () => metrics().registry.getSingleMetricAsString("ktizo_registrations_refused_total");
// Changes made by this connection since it opened (SQLite total_changes()): a direct count of row writes.
const totalChanges = async (): Promise<number> => Number((await prisma.$queryRaw<{ n: bigint }[]>`SELECT total_changes() AS n`)[0]!.n);

beforeAll(async () => {
  await seedGeneratedCluster();
});

beforeEach(async () => {
  await flushDeviceSightings();
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
  resetRegistrationLimiter();
  resetPendingCapEvents();
});

describe("1,000 polls of one device", () => {
  it.each([
    ["pending", { status: "pending" as const }, "waiting for approval"],
    ["approved", { status: "approved" as const, role: "worker" as const }, "kernel "],
    ["rejected", { status: "rejected" as const }, "was rejected"],
    ["provisioned", { status: "approved" as const, role: "worker" as const, provisionedAt: new Date() }, "exit"],
  ])("%s: at most one event, one token row at most, no device write per poll", async (_name, data, expected) => {
    await seedNetworkSettings();
    const mac = "52:54:00:f1:00:01";
    const device = await prisma.device.create({ data: { mac, serial: "SN-1", uuid: "0a1b2c3d-0000-4000-8000-0000000000f1", arch: "x86_64", ...data } });
    const query = "&serial=SN-1&uuid=0a1b2c3d-0000-4000-8000-0000000000f1&arch=x86_64";
    const changesBefore = await totalChanges();
    const started = Date.now();
    for (let poll = 0; poll < 1000; poll += 1) {
      const response = await ipxe(mac, "10.42.0.150", query);
      if (poll === 0 || poll === 999) expect(await response.text()).toContain(expected);
    }
    await flushDeviceSightings();
    const changes = (await totalChanges()) - changesBefore;
    // Sightings are flushed once a second at most, whatever the number of polls.
    const flushes = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(await prisma.event.count({ where: { deviceId: device.id } })).toBeLessThanOrEqual(1);
    const tokens = await prisma.bootToken.count({ where: { deviceId: device.id } });
    expect(tokens).toBe(data.status === "approved" && !("provisionedAt" in data) ? 1 : 0);
    const after = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after.updatedAt.getTime()).toBe(device.updatedAt.getTime());
    expect(after.lastSeenAt.getTime()).toBeGreaterThan(device.lastSeenAt.getTime());
    // A Talos script replaces the one live token on every poll (a new secret each time); every
    // other state writes the "last told" marker once, its event, and the batched sightings.
    if (tokens === 1) expect(changes).toBeLessThanOrEqual(1000 + flushes + 2);
    else expect(changes).toBeLessThanOrEqual(flushes + 2);
  }, 120_000);

  it("a change of what the device is told is recorded once per change", async () => {
    await seedNetworkSettings();
    const device = await prisma.device.create({ data: { mac: "52:54:00:f1:00:02", status: "pending" } });
    for (let poll = 0; poll < 5; poll += 1) await ipxe(device.mac);
    await prisma.device.update({ where: { id: device.id }, data: { status: "rejected" } });
    for (let poll = 0; poll < 5; poll += 1) await ipxe(device.mac);
    await prisma.device.update({ where: { id: device.id }, data: { status: "approved", role: "worker" } });
    for (let poll = 0; poll < 5; poll += 1) await ipxe(device.mac);
    const served = await prisma.event.findMany({ where: { deviceId: device.id, type: "boot.script_served" }, orderBy: { createdAt: "asc" } });
    expect(served.map((event) => JSON.parse(event.details).script)).toEqual(["rejected", "talos"]);
  });
});

describe("registration flood", () => {
  it("one source IP is throttled after its burst while another IP still registers", async () => {
    await seedNetworkSettings({ registrationBurst: 5, registrationsPerMinute: 1 });
    const statuses: number[] = [];
    for (let n = 0; n < 40; n += 1) statuses.push((await ipxe(macOf("52:54:00:f2", n), "10.42.0.66")).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    const refused = await ipxe(macOf("52:54:00:f2", 100), "10.42.0.66");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await refused.text()).trim()).toMatch(/^ktizo: too many new machines from 10\.42\.0\.66; retrying in \d+ s will work$/);
    // The register API shares the limit; another address is not affected.
    expect((await post({ mac: macOf("52:54:00:f2", 101) }, "10.42.0.66")).status).toBe(429);
    expect((await ipxe(macOf("52:54:00:f3", 1), "10.42.0.67")).status).toBe(200);
    expect((await post({ mac: macOf("52:54:00:f3", 2) }, "10.42.0.67")).status).toBe(201);
    expect(await prisma.device.count()).toBe(7);
    // A device already known keeps polling from the throttled address.
    expect((await ipxe(macOf("52:54:00:f2", 0), "10.42.0.66")).status).toBe(200);
    // 37 refusals, one event (with the count), no device rows for them.
    const throttled = await prisma.event.findMany({ where: { type: "boot.registration_throttled" } });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ sourceIp: "10.42.0.66" });
    // Every refusal is counted for /metrics (35 + 1 iPXE, 1 API).
    expect(await refusedMetric()).toContain('ktizo_registrations_refused_total{reason="rate_limited"} 37');
  });

  it("the pending cap holds, also under parallel registrations, with one event", async () => {
    await seedNetworkSettings({ maxPendingDevices: 5 });
    const first = await Promise.all(Array.from({ length: 12 }, (_, n) => ipxe(macOf("52:54:00:f4", n), ipForMac(macOf("52:54:00:f4", n)))));
    const statuses = first.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 503)).toHaveLength(7);
    const refusedText = await first.find((response) => response.status === 503)!.text();
    expect(refusedText).toMatch(/^ktizo: 5 devices are pending approval \(the limit is 5\)/);
    expect(await prisma.device.count({ where: { status: "pending" } })).toBe(5);
    for (let n = 20; n < 30; n += 1) expect((await post({ mac: macOf("52:54:00:f4", n) }, ipForMac(macOf("52:54:00:f4", n)))).status).toBe(503);
    expect(await prisma.device.count()).toBe(5);
    expect(await prisma.event.count({ where: { type: "boot.pending_cap_reached" } })).toBe(1);
    expect(await refusedMetric()).toContain('ktizo_registrations_refused_total{reason="pending_cap"} 17');
    // An approval frees a slot.
    // Which five of the twelve parallel requests got in is up to the scheduler: approve one of them.
    const admitted = await prisma.device.findFirstOrThrow({ where: { status: "pending" }, select: { id: true } });
    await prisma.device.update({ where: { id: admitted.id }, data: { status: "approved", role: "worker" } });
    const pendingMacs = await prisma.device.findMany({ where: { status: "pending" }, select: { mac: true } });
    expect(pendingMacs).toHaveLength(4);
    expect((await ipxe(macOf("52:54:00:f4", 40), "10.42.9.40")).status).toBe(200);
    expect((await ipxe(macOf("52:54:00:f4", 41), "10.42.9.41")).status).toBe(503);
  });
});

describe("what machines report", () => {
  it.each([
    ["broadcast", "ff:ff:ff:ff:ff:ff", /broadcast/],
    ["IPv4 multicast", "01:00:5e:00:00:fb", /multicast/],
    ["IPv6 multicast", "33-33-00-00-00-01", /multicast/],
    ["all zeros", "000000000000", /all zeros/],
  ])("a %s MAC is refused on every machine route and records nothing", async (_name, mac, reason) => {
    const viaIpxe = await ipxe(mac);
    expect(viaIpxe.status).toBe(400);
    expect(await viaIpxe.text()).toMatch(reason);
    const viaApi = await post({ mac }, "10.42.0.150");
    expect(viaApi.status).toBe(400);
    expect(await prisma.device.count()).toBe(0);
    expect(await prisma.event.count()).toBe(0);
  });

  it("an invalid serial over the register API registers by MAC with the serial dropped", async () => {
    const response = await post({ mac: "52:54:00:f5:00:01", serial: "bad\u0007serial", uuid: "0a1b2c3d-0000-4000-8000-0000000000f5" }, "10.42.0.150");
    expect(response.status).toBe(201);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:f5:00:01" } });
    expect(device).toMatchObject({ serial: null, uuid: "0a1b2c3d-0000-4000-8000-0000000000f5", status: "pending" });
    const event = await prisma.event.findFirstOrThrow({ where: { type: "device.report_invalid", deviceId: device.id } });
    expect(JSON.parse(event.details).dropped).toEqual([{ field: "serial", reason: "serial must be printable ASCII" }]);
  });

  it("boot requests do not overwrite an approved device's uuid or serial: one identity_changed event", async () => {
    await seedNetworkSettings();
    const device = await prisma.device.create({ data: { mac: "52:54:00:f5:00:02", status: "approved", role: "worker", serial: "SN-APPROVED", uuid: null } });
    for (let poll = 0; poll < 20; poll += 1) await ipxe(device.mac, "10.42.0.77", "&serial=SN-OTHER&uuid=0a1b2c3d-0000-4000-8000-0000000000f6");
    const after = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    // The serial the admin approved stays; a uuid that was never known is filled in.
    expect(after).toMatchObject({ serial: "SN-APPROVED", uuid: "0a1b2c3d-0000-4000-8000-0000000000f6" });
    const changed = await prisma.event.findMany({ where: { type: "device.identity_changed", deviceId: device.id } });
    expect(changed).toHaveLength(1);
    expect(changed[0]!.sourceIp).toBe("10.42.0.77");
    expect(JSON.parse(changed[0]!.details).conflicts).toEqual([{ field: "serial", stored: "SN-APPROVED", reported: "SN-OTHER" }]);
    // A pending device's identity still follows what the machine reports.
    const pending = await prisma.device.create({ data: { mac: "52:54:00:f5:00:03", serial: "OLD" } });
    await ipxe(pending.mac, "10.42.0.78", "&serial=NEW");
    expect((await prisma.device.findUniqueOrThrow({ where: { id: pending.id } })).serial).toBe("NEW");
  });
});
