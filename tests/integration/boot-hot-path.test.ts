import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootEntry } from "@/app/boot.ipxe/route";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { systemActor } from "@/lib/auth/principal";
import { hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import { flushDeviceSightings } from "@/lib/services/boot";
import { updateNetworkSettings } from "@/lib/services/network";
import { machineRequest, noParams, seedNetworkSettings, testHttpBaseUrl } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";
import { isoText, storedFormat } from "@/tests/helpers/stored-format";

// The machine-facing hot path writes with raw SQL (boot-devices, boot-tokens, device-identity,
// record-plain-event, load-boot-settings): rows it writes must read back through Prisma exactly
// as ORM-written rows do, and settings saved anywhere must show on the very next script.
const ipxe = (query: string, ip?: string) => bootScript(machineRequest(`/api/v1/boot/ipxe?${query}`, { ip }), noParams);
const entry = async () => (await bootEntry(machineRequest("/boot.ipxe"), noParams)).text();

beforeAll(async () => {
  await seedGeneratedCluster();
});

beforeEach(async () => {
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
});

describe("raw hot-path writes read back like ORM writes", () => {
  it("stores the touch, the token and the event in the ORM's own formats", async () => {
    await seedNetworkSettings({ provisionWindowMinutes: 30 });
    const mac = "52:54:00:cc:00:01";
    const created = await prisma.device.create({ data: { mac, status: "approved", role: "worker", serial: "KEEP", lastSourceIp: "10.42.0.9" } });
    const before = Date.now();
    const body = await (await ipxe(`mac=52-54-00-cc-00-01&uuid=0A1B2C3D-0000-4000-8000-0000000000CC&arch=x86_64`, "10.42.0.160")).text();
    const token = /token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
    expect(token).toBeDefined();
    // Sightings are batched (device-sightings.ts); the flush writes them as the timer would.
    await flushDeviceSightings();

    const device = await prisma.device.findUniqueOrThrow({ where: { mac } });
    expect(device).toMatchObject({ uuid: "0a1b2c3d-0000-4000-8000-0000000000cc", serial: "KEEP", arch: "x86_64", lastSourceIp: "10.42.0.160" });
    expect(device.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before);
    // The reported uuid and arch changed the row (an edit); the sighting alone would not touch updatedAt.
    expect(device.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    // Same storage as the ORM's own create of this row (firstSeenAt) and of every other DateTime.
    const touched = await storedFormat("Device", "lastSeenAt", created.id);
    const ormWritten = await storedFormat("Device", "firstSeenAt", created.id);
    expect(touched.kind).toBe(ormWritten.kind);
    expect(touched.value).toMatch(isoText);
    expect(ormWritten.value).toMatch(isoText);

    const [row] = await prisma.bootToken.findMany({ where: { deviceId: created.id } });
    expect(row).toMatchObject({ tokenHash: hashToken(token!), usedAt: null, voidedAt: null });
    expect(row!.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * 60_000);
    expect((await storedFormat("BootToken", "expiresAt", row!.id)).value).toMatch(isoText);

    const event = await prisma.event.findFirstOrThrow({ where: { type: "boot.script_served", deviceId: created.id } });
    expect(event).toMatchObject({ actorType: "device", actorId: created.id, actorName: mac, sourceIp: "10.42.0.160" });
    expect(JSON.parse(event.details)).toEqual({ script: "talos", reason: expect.any(String), wipe: false });
    expect(event.id).toMatch(/^c[0-9a-z]{24}$/);
    expect((await storedFormat("Event", "createdAt", event.id)).value).toMatch(isoText);
  });

  it("keeps what a machine did not report and the last source IP when none is known", async () => {
    await seedNetworkSettings();
    const mac = "52:54:00:cc:00:02";
    await prisma.device.create({ data: { mac, uuid: "u-1", serial: "S-1", arch: "arm64", lastSourceIp: "10.42.0.7" } });
    await ipxe("mac=52-54-00-cc-00-02&uuid=&serial=", "unknown");
    expect(await prisma.device.findUniqueOrThrow({ where: { mac } })).toMatchObject({ uuid: "u-1", serial: "S-1", arch: "arm64" });
  });
});

describe("settings are read fresh on every machine request", () => {
  it("a network settings save is visible on the next boot scripts", async () => {
    const saved = await seedNetworkSettings({ ipxePollSeconds: 5 });
    expect(await entry()).toContain(`chain --autofree ${testHttpBaseUrl}/api/v1/boot/ipxe?`);
    await ipxe("mac=52-54-00-cc-00-03");

    await updateNetworkSettings({ id: saved.id, changes: { httpBaseUrl: "http://10.42.0.3:3100", ipxePollSeconds: 9 }, actor: systemActor });
    expect(await entry()).toContain("chain --autofree http://10.42.0.3:3100/api/v1/boot/ipxe?");
    const waiting = await (await ipxe("mac=52-54-00-cc-00-03")).text();
    expect(waiting).toContain("sleep 9");
    expect(waiting).toContain("chain --autofree http://10.42.0.3:3100/api/v1/boot/ipxe?mac=52-54-00-cc-00-03");
  });

  it("a cluster config removed or restored is visible on the next Talos script", async () => {
    await seedNetworkSettings();
    await prisma.device.create({ data: { mac: "52:54:00:cc:00:04", status: "approved", role: "worker" } });
    const cluster = await prisma.clusterSettings.findFirstOrThrow();
    expect(await (await ipxe("mac=52-54-00-cc-00-04")).text()).toContain("talos.config=");
    await prisma.clusterSettings.update({ where: { id: cluster.id }, data: { workerConfigEnc: "" } });
    try {
      expect(await (await ipxe("mac=52-54-00-cc-00-04")).text()).not.toContain("talos.config=");
    } finally {
      await prisma.clusterSettings.update({ where: { id: cluster.id }, data: { workerConfigEnc: cluster.workerConfigEnc } });
    }
    expect(await (await ipxe("mac=52-54-00-cc-00-04")).text()).toContain("talos.config=");
  });
});
