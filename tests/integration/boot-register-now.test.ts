import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { prisma } from "@/lib/db/client";
import { sqliteWriter } from "@/lib/db/sqlite";
import { resetRegistrationLimiter } from "@/lib/services/boot/admit-registration";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";
import { isoText, storedFormat } from "@/tests/helpers/stored-format";

// A new MAC that no enabled rule could decide on is registered in one synchronous transaction of
// prepared statements (lib/services/boot/register-device.ts, createPendingNow); with a rule whose
// gate is open for the request, the ORM transaction with the rules runs instead. Both must leave
// the same rows behind.
const ipxe = (query: string, ip: string) => bootScript(machineRequest(`/api/v1/boot/ipxe?${query}`, { ip }), noParams);
const storedText = (column: string, id: string) => storedFormat("Device", column, id);

beforeAll(async () => {
  await seedGeneratedCluster();
});

beforeEach(async () => {
  await prisma.approvalRule.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
  await seedNetworkSettings({ identityCheck: "off" });
  resetRegistrationLimiter();
});

describe("registering a new MAC without the ORM", () => {
  it("writes the row every column as the ORM's create would, with its events", async () => {
    const before = Date.now();
    const response = await ipxe("mac=52-54-00-dd-00-01&uuid=0A1B2C3D-0000-4000-8000-0000000000DD&serial=SN-1&arch=x86_64", "10.42.0.71");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("chain");

    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:dd:00:01" } });
    const manual = await prisma.device.create({ data: { mac: "52:54:00:dd:00:02" } });
    expect(device).toMatchObject({
      status: "pending",
      bootAction: "install",
      uuid: "0a1b2c3d-0000-4000-8000-0000000000dd",
      serial: "SN-1",
      arch: "x86_64",
      hostname: null,
      hostnameSuggested: false,
      lastSourceIp: "10.42.0.71",
      configDownloadCount: 0,
      role: null,
      ipAddress: null,
      groupId: null,
      approvalProof: null,
      identityStatus: "unverifiable",
    });
    expect(device.id).toMatch(/^c[a-z0-9]{24}$/);
    for (const column of ["firstSeenAt", "lastSeenAt", "createdAt", "updatedAt", "identityCheckedAt"] as const) {
      expect(device[column]).toBeInstanceOf(Date);
      expect(device[column]!.getTime()).toBeGreaterThanOrEqual(before);
      const [written, ormWritten] = [await storedText(column, device.id), await storedText("createdAt", manual.id)];
      expect(written.value).toMatch(isoText);
      expect(written.kind).toBe(ormWritten.kind);
    }
    expect(await storedText("hostnameSuggested", device.id)).toEqual(await storedText("hostnameSuggested", manual.id));

    const events = await prisma.event.findMany({ where: { deviceId: device.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["device.registered"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ mac: device.mac, serial: "SN-1", via: "ipxe", identity: "unverifiable" });
    expect(events[0]).toMatchObject({ actorType: "device", actorId: device.id, sourceIp: "10.42.0.71" });
  });

  it("keeps a machine-suggested hostname as a suggestion, stored as the ORM stores its flag", async () => {
    const body = JSON.stringify({ mac: "52:54:00:dd:00:07", hostname: "rack1-a" });
    const response = await register(machineRequest("/api/v1/devices/register", { method: "POST", ip: "10.42.0.75", body, headers: { "content-type": "application/json" } }), noParams);
    expect(response.status).toBeLessThan(300);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:dd:00:07" } });
    expect(device).toMatchObject({ hostname: "rack1-a", hostnameSuggested: true, status: "pending" });
    const manual = await prisma.device.create({ data: { mac: "52:54:00:dd:00:08", hostnameSuggested: true } });
    expect(await storedText("hostnameSuggested", device.id)).toEqual(await storedText("hostnameSuggested", manual.id));
    const registered = await prisma.event.findFirstOrThrow({ where: { deviceId: device.id, type: "device.registered" } });
    expect(JSON.parse(registered.details)).toMatchObject({ via: "api" });
  });

  it("records dropped report fields as device.report_invalid in the same transaction", async () => {
    await ipxe("mac=52-54-00-dd-00-03&serial=%00bad%0Aline", "10.42.0.72");
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:dd:00:03" } });
    const types = (await prisma.event.findMany({ where: { deviceId: device.id } })).map((event) => event.type);
    expect(types).toContain("device.registered");
    expect(types).toContain("device.report_invalid");
    expect(device.serial).toBeNull();
  });

  it("leaves the decision to the rules when a rule's gate is open for the request, and not otherwise", async () => {
    const group = await prisma.deviceGroup.create({ data: { name: "rack-now", role: "worker" } });
    // Reject rules need no bound identity: open for 10.42.0.0/24 only.
    await prisma.approvalRule.create({ data: { name: "reject-lab", macPattern: "*", action: "reject", priority: 1, sourceSubnets: ["10.42.0.0/24"], groupId: group.id } });

    await ipxe("mac=52-54-00-dd-00-04", "10.42.0.73");
    await ipxe("mac=52-54-00-dd-00-05", "10.43.0.73");
    const decided = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:dd:00:04" } });
    const outside = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:dd:00:05" } });
    expect(decided.status).toBe("rejected");
    expect(outside.status).toBe("pending");
  });

  it("never waits for the write lock with the event loop blocked", async () => {
    // Another connection (another web process, the worker) holds the write lock for 300 ms.
    const Database = (await import("better-sqlite3")).default;
    const other = new Database(sqliteWriter().name);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    setTimeout(() => other.exec("COMMIT"), 300);
    const response = await ipxe("mac=52-54-00-dd-00-06", "10.42.0.74");
    clearInterval(timer);
    other.close();
    expect(response.status).toBe(200);
    expect(await prisma.device.count({ where: { mac: "52:54:00:dd:00:06" } })).toBe(1);
    // A loop blocked in SQLite's busy handler would not have ticked while the lock was held.
    expect(ticks).toBeGreaterThanOrEqual(15);
  });
});
