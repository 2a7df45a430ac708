import { beforeEach, describe, expect, it } from "vitest";
import { GET as bootEntry } from "@/app/boot.ipxe/route";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { prisma } from "@/lib/db/client";
import { flushDeviceSightings } from "@/lib/services/boot";
import { machineRequest, noParams, seedNetworkSettings, testHttpBaseUrl } from "@/tests/helpers/boot-fixtures";

const ipxe = (query: string, ip?: string) => bootScript(machineRequest(`/api/v1/boot/ipxe?${query}`, { ip }), noParams);

beforeEach(async () => {
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
  await prisma.clusterSettings.deleteMany();
});

describe("GET /boot.ipxe", () => {
  it("chains to the per-device script with iPXE variables under the HTTP base URL", async () => {
    await seedNetworkSettings();
    const response = await bootEntry(machineRequest("/boot.ipxe"), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body.startsWith("#!ipxe\n")).toBe(true);
    expect(body).toContain(
      `chain --autofree ${testHttpBaseUrl}/api/v1/boot/ipxe?mac=\${mac:hexhyp}&uuid=\${uuid}&serial=\${serial:uristring}&arch=\${buildarch}`,
    );
  });

  it("falls back to the address the machine used before network settings exist", async () => {
    const body = await (await bootEntry(machineRequest("/boot.ipxe"), noParams)).text();
    expect(body).toContain("chain --autofree http://ktizo.test/api/v1/boot/ipxe?mac=");
  });
});

describe("GET /api/v1/boot/ipxe", () => {
  it("registers an unknown MAC as pending with what the machine reported, and answers the waiting script", async () => {
    await seedNetworkSettings({ ipxePollSeconds: 7 });
    const response = await ipxe("mac=52-54-00-AA-BB-01&uuid=0A1B2C3D-0000-4000-8000-000000000001&serial=SN%20123&arch=x86_64", "10.42.0.151");
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("52:54:00:aa:bb:01 is waiting for approval in ktizo");
    expect(body).toContain("sleep 7");
    expect(body).toContain(`chain --autofree ${testHttpBaseUrl}/api/v1/boot/ipxe?mac=52-54-00-aa-bb-01&`);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:aa:bb:01" } });
    expect(device).toMatchObject({
      status: "pending",
      uuid: "0a1b2c3d-0000-4000-8000-000000000001",
      serial: "SN 123",
      arch: "x86_64",
      lastSourceIp: "10.42.0.151",
    });
    expect(await prisma.event.count({ where: { type: "device.registered", deviceId: device.id } })).toBe(1);
  });

  it.each([["52:54:00:aa:bb:02"], ["52%3A54%3A00%3AAA%3ABB%3A02"], ["525400AABB02"], ["52-54-00-aa-bb-02"]])(
    "stores %s in one normalised form",
    async (mac) => {
      await ipxe("mac=52:54:00:aa:bb:02");
      await ipxe(`mac=${mac}`);
      expect(await prisma.device.findMany({ select: { mac: true } })).toEqual([{ mac: "52:54:00:aa:bb:02" }]);
    },
  );

  it.each([["mac="], ["mac=zz:zz"], ["mac=52:54:00:aa:bb"], ["uuid=x"], [`mac=${"a".repeat(500)}`], ["mac=52:54:00:aa:bb:cc%0Akernel"]])(
    "refuses %s with a one-line 400 and records nothing",
    async (query) => {
      const response = await ipxe(query);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      const body = await response.text();
      expect(body.trim().split("\n")).toHaveLength(1);
      expect(body).toMatch(/mac/);
      expect(await prisma.device.count()).toBe(0);
    },
  );

  // Firmware with a broken serial or UUID must still be able to register: the bad value is
  // dropped (never stored), the device is registered by MAC and an event says what was dropped.
  it.each([
    ["serial=a%0Ab&uuid=0a1b2c3d-0000-4000-8000-00000000000b", "serial"],
    ["uuid=not-a-uuid&serial=SN-1", "uuid"],
    ["arch=x86%2064&serial=SN-1", "arch"],
    [`serial=${"s".repeat(200)}&arch=arm64`, "serial"],
  ])("registers by MAC with a hostile reported value dropped (%s)", async (query, field) => {
    const response = await ipxe(`mac=52:54:00:aa:bb:03&${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("waiting for approval");
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:aa:bb:03" } });
    expect(device[field as "serial" | "uuid" | "arch"]).toBeNull();
    expect([device.serial, device.uuid, device.arch].filter(Boolean)).toHaveLength(1);
    const event = await prisma.event.findFirstOrThrow({ where: { type: "device.report_invalid", deviceId: device.id } });
    expect(JSON.parse(event.details)).toEqual({ dropped: [{ field, reason: expect.stringContaining(field) }] });
    // The dropped value itself is stored nowhere.
    expect(JSON.stringify(await prisma.event.findMany())).not.toMatch(/a\nb|not-a-uuid|x86 64|s{200}/);
    // Polling again with the same bad value adds no second event.
    await ipxe(`mac=52:54:00:aa:bb:03&${query}`);
    expect(await prisma.event.count({ where: { type: "device.report_invalid" } })).toBe(1);
  });

  it("keeps a pending device waiting and updates last-seen", async () => {
    await ipxe("mac=52:54:00:aa:bb:04");
    const before = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:aa:bb:04" } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const body = await (await ipxe("mac=52:54:00:aa:bb:04", "10.42.0.160")).text();
    expect(body).toContain("waiting for approval");
    // Sightings are batched (device-sightings.ts): written within a second, or on a flush.
    await flushDeviceSightings();
    const after = await prisma.device.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.lastSeenAt.getTime()).toBeGreaterThan(before.lastSeenAt.getTime());
    expect(after.lastSourceIp).toBe("10.42.0.160");
  });

  it("sends a rejected device to the next boot device", async () => {
    await prisma.device.create({ data: { mac: "52:54:00:aa:bb:05", status: "rejected" } });
    const body = await (await ipxe("mac=52:54:00:aa:bb:05")).text();
    expect(body).toContain("was rejected");
    expect(body.trim().endsWith("exit")).toBe(true);
    expect(body).not.toContain("kernel");
  });

  it("tells an approved device why it waits while the cluster config is not generated", async () => {
    await seedNetworkSettings();
    await prisma.device.create({ data: { mac: "52:54:00:aa:bb:06", status: "approved", role: "worker" } });
    const body = await (await ipxe("mac=52:54:00:aa:bb:06")).text();
    expect(body).toContain("cannot boot yet: cluster configuration is not generated yet");
    expect(body).toContain("sleep 10");
    expect(body).not.toMatch(/^kernel/m);
    expect(await prisma.bootToken.count()).toBe(0);
  });

  it("boots the disk of a provisioned device and of a device set to local", async () => {
    await prisma.device.create({ data: { mac: "52:54:00:aa:bb:07", status: "approved", role: "worker", provisionedAt: new Date() } });
    await prisma.device.create({ data: { mac: "52:54:00:aa:bb:08", status: "approved", role: "worker", bootAction: "local" } });
    for (const mac of ["52:54:00:aa:bb:07", "52:54:00:aa:bb:08"]) {
      const body = await (await ipxe(`mac=${mac}`)).text();
      expect(body.trim().split("\n").at(-1)).toBe("exit");
      expect(body).toContain("booting from the local disk");
    }
  });
});
