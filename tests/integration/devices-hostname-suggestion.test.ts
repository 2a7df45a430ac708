import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUT as putDevice } from "@/app/api/v1/devices/[id]/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { POST as create } from "@/app/api/v1/devices/route";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

// A hostname a machine suggested at registration never blocks an admin's choice: the admin's
// device gets the name, the suggesting device loses it, and that is recorded on it. A name an
// admin chose still blocks (409), as before.
let token: string;
const admin = (path: string, method: string, body: unknown) =>
  new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(token), body: JSON.stringify(body) });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const registerWithName = async (mac: string, hostname: string, ip: string) => {
  const response = await register(
    machineRequest("/api/v1/devices/register", { method: "POST", ip, headers: { "content-type": "application/json" }, body: JSON.stringify({ mac, hostname }) }),
    noParams,
  );
  expect(response.status).toBe(201);

  return prisma.device.findUniqueOrThrow({ where: { mac } });
};

beforeAll(async () => {
  token = await createAdminToken();
  await seedNetworkSettings();
});

beforeEach(async () => {
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
});

describe("machine-suggested hostnames", () => {
  it.each([
    ["approve", async (targetId: string) => approve(admin(`/api/v1/devices/${targetId}/approve`, "POST", { role: "worker", hostname: "node-a" }), idParams(targetId))],
    ["update", async (targetId: string) => putDevice(admin(`/api/v1/devices/${targetId}`, "PUT", { hostname: "node-a" }), idParams(targetId))],
    ["create", async () => create(admin("/api/v1/devices", "POST", { mac: "52:54:00:f8:00:09", hostname: "node-a" }), noParams)],
  ])("an admin's %s takes a suggested name; the suggester loses it with an event", async (_name, act) => {
    const suggester = await registerWithName("52:54:00:f8:00:01", "node-a", "10.42.0.171");
    expect(suggester).toMatchObject({ hostname: "node-a", hostnameSuggested: true });
    const target = await prisma.device.create({ data: { mac: "52:54:00:f8:00:02" } });
    const response = await act(target.id);
    expect(response.status).toBeLessThan(300);
    const owner = await prisma.device.findFirstOrThrow({ where: { hostname: "node-a" } });
    expect(owner.id).not.toBe(suggester.id);
    expect(owner.hostnameSuggested).toBe(false);
    expect(await prisma.device.findUniqueOrThrow({ where: { id: suggester.id } })).toMatchObject({ hostname: null, hostnameSuggested: false });
    const released = await prisma.event.findFirstOrThrow({ where: { type: "device.hostname_released", deviceId: suggester.id } });
    expect(JSON.parse(released.details)).toMatchObject({ hostname: "node-a" });
  });

  it("a name an admin chose still blocks another admin change with 409, and nothing changes", async () => {
    const first = await prisma.device.create({ data: { mac: "52:54:00:f8:00:03" } });
    expect((await approve(admin(`/api/v1/devices/${first.id}/approve`, "POST", { role: "worker", hostname: "node-b" }), idParams(first.id))).status).toBe(200);
    const second = await prisma.device.create({ data: { mac: "52:54:00:f8:00:04" } });
    const response = await putDevice(admin(`/api/v1/devices/${second.id}`, "PUT", { hostname: "node-b" }), idParams(second.id));
    expect(response.status).toBe(409);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: first.id } })).hostname).toBe("node-b");
    expect(await prisma.event.count({ where: { type: "device.hostname_released" } })).toBe(0);
  });

  it("approving a device with its own suggestion makes the name the admin's", async () => {
    const device = await registerWithName("52:54:00:f8:00:05", "node-c", "10.42.0.172");
    expect((await approve(admin(`/api/v1/devices/${device.id}/approve`, "POST", { role: "worker" }), idParams(device.id))).status).toBe(200);
    expect(await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ hostname: "node-c", hostnameSuggested: false });
  });

  it.each([["ff:ff:ff:ff:ff:ff"], ["01:00:5e:00:00:01"]])("an admin cannot create a device with the group MAC %s (422, nothing created)", async (mac) => {
    const response = await create(admin("/api/v1/devices", "POST", { mac }), noParams);
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toMatch(/multicast|broadcast/);
    expect(await prisma.device.count()).toBe(0);
  });
});
