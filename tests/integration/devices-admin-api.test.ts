import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getDevice, PUT as putDevice, DELETE as deleteDevice } from "@/app/api/v1/devices/[id]/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { POST as reject } from "@/app/api/v1/devices/[id]/reject/route";
import { POST as bulk } from "@/app/api/v1/devices/bulk/route";
import { GET as list, POST as create } from "@/app/api/v1/devices/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";

let token = "";
const url = (p: string) => `http://ktizo.test${p}`;
const body = (data: unknown) => ({ method: "POST", headers: adminHeaders(token), body: JSON.stringify(data) });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

const newDevice = (mac: string, extra: Record<string, unknown> = {}) => prisma.device.create({ data: { mac, ...extra } });
const approveReq = (id: string, data: unknown) => approve(new Request(url(`/api/v1/devices/${id}/approve`), body(data)), idParams(id));
const reservationFile = (mac: string) => path.join(paths().hostsDir, mac.replace(/:/g, ""));

beforeAll(async () => {
  token = await createAdminToken();
});

beforeEach(async () => {
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
  await seedNetworkSettings();
});

describe("devices admin API", () => {
  it("refuses requests without a login or token", async () => {
    const response = await list(new Request(url("/api/v1/devices")), noParams);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("approves with role, hostname, IP and disk; writes the reservation; records the event", async () => {
    const device = await newDevice("52:54:00:02:00:01");
    const response = await approveReq(device.id, { role: "controlplane", hostname: "CP-1", ipAddress: "10.42.0.11", installDisk: "/dev/nvme0n1" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "approved", role: "controlplane", hostname: "cp-1", ipAddress: "10.42.0.11", installDisk: "/dev/nvme0n1", approvedBy: "test" });
    expect(readFileSync(reservationFile(device.mac), "utf8")).toBe("52:54:00:02:00:01,10.42.0.11,cp-1\n");
    expect(await prisma.event.count({ where: { type: "device.approved", deviceId: device.id } })).toBe(1);
  });

  it.each([
    ["no role", {}, 422, /^Role must be controlplane or worker\./],
    ["a bad role", { role: "master" }, 422, /^Role must be /],
    ["a non-RFC-1123 hostname", { role: "worker", hostname: "bad_name" }, 422, /RFC 1123/],
    ["a hostname with a newline", { role: "worker", hostname: "a\nb" }, 422, /RFC 1123/],
    ["an IP outside the subnet", { role: "worker", ipAddress: "10.43.0.5" }, 422, /not a host address/],
    ["the broadcast address", { role: "worker", ipAddress: "10.42.0.255" }, 422, /not a host address/],
    ["the server's own IP", { role: "worker", ipAddress: "10.42.0.2" }, 409, /server address/],
    ["a taken IP", { role: "worker", ipAddress: "10.42.0.50" }, 409, /already assigned to device taken/],
    ["an IP inside the DHCP range", { role: "worker", ipAddress: "10.42.0.150" }, 422, /inside the DHCP range 10\.42\.0\.100–10\.42\.0\.200/],
    ["a taken hostname", { role: "worker", hostname: "taken" }, 409, /hostname taken is already used/],
    ["a bad install disk", { role: "worker", installDisk: "/dev/sda;reboot" }, 422, /^Install disk /],
    ["an unknown field", { role: "worker", status: "rejected" }, 422, /./],
  ])("refuses approval with %s (%i) and changes nothing", async (_name, data, status, message) => {
    await newDevice("52:54:00:02:00:99", { hostname: "taken", ipAddress: "10.42.0.50", status: "approved", role: "worker" });
    const device = await newDevice("52:54:00:02:00:02");
    const response = await approveReq(device.id, data);
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toMatch(message);
    expect(await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ status: "pending", hostname: null, ipAddress: null });
    expect(await prisma.event.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it("refuses wrong content types and oversized bodies", async () => {
    const device = await newDevice("52:54:00:02:00:03");
    const wrongType = await approve(new Request(url("/x"), { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" }, body: "role=worker" }), idParams(device.id));
    expect(wrongType.status).toBe(415);
    const huge = await approveReq(device.id, { role: "worker", notes: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe("pending");
  });

  it("rejects, voids tokens and removes the reservation", async () => {
    const device = await newDevice("52:54:00:02:00:04");
    await approveReq(device.id, { role: "worker", ipAddress: "10.42.0.12" });
    expect(existsSync(reservationFile(device.mac))).toBe(true);
    await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: "h1", expiresAt: new Date(Date.now() + 60_000) } });
    const response = await reject(new Request(url("/x"), { method: "POST", headers: adminHeaders(token) }), idParams(device.id));
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("rejected");
    expect(existsSync(reservationFile(device.mac))).toBe(false);
    expect((await prisma.bootToken.findFirstOrThrow({ where: { deviceId: device.id } })).voidedAt).not.toBeNull();
  });

  it("adds a device by hand and refuses a duplicate MAC", async () => {
    const first = await create(new Request(url("/api/v1/devices"), body({ mac: "52-54-00-02-00-05", status: "approved", role: "worker", hostname: "w-5", notes: "rack 3" })), noParams);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ mac: "52:54:00:02:00:05", status: "approved", hostname: "w-5", notes: "rack 3" });
    const again = await create(new Request(url("/api/v1/devices"), body({ mac: "525400020005" })), noParams);
    expect(again.status).toBe(409);
    const noRole = await create(new Request(url("/api/v1/devices"), body({ mac: "52:54:00:02:00:06", status: "approved" })), noParams);
    expect(noRole.status).toBe(422);
    const badNotes = await create(new Request(url("/api/v1/devices"), body({ mac: "52:54:00:02:00:07", notes: "a\u0000b" })), noParams);
    expect(badNotes.status).toBe(422);
    expect(await prisma.device.count()).toBe(1);
  });

  it("edits a device, requests a reinstall and deletes it", async () => {
    const device = await newDevice("52:54:00:02:00:08", { status: "approved", role: "worker", provisionedAt: new Date() });
    const put = (data: unknown) => putDevice(new Request(url("/x"), { ...body(data), method: "PUT" }), idParams(device.id));
    const updated = await put({ hostname: "w-8", bootAction: "reinstall", notes: "<script>alert(1)</script>" });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ hostname: "w-8", bootAction: "reinstall" });
    expect(await prisma.event.count({ where: { type: "device.reinstall", deviceId: device.id } })).toBe(1);
    expect((await put({ role: null })).status).toBe(422);
    expect((await put({ bootAction: "format" })).status).toBe(422);
    expect((await getDevice(new Request(url("/x"), { headers: adminHeaders(token) }), idParams(device.id))).status).toBe(200);
    const removed = await deleteDevice(new Request(url("/x"), { method: "DELETE", headers: adminHeaders(token) }), idParams(device.id));
    expect(removed.status).toBe(204);
    expect((await getDevice(new Request(url("/x"), { headers: adminHeaders(token) }), idParams(device.id))).status).toBe(404);
  });

  it("audits exactly the fields an edit changed (a notes edit is notes, not the form's other fields)", async () => {
    const device = await newDevice("52:54:00:02:00:09", { status: "approved", role: "worker", hostname: "w-9" });
    const put = (data: unknown) => putDevice(new Request(url("/x"), { ...body(data), method: "PUT" }), idParams(device.id));
    // What the edit form sends: every field, only notes different.
    expect((await put({ hostname: "w-9", role: "worker", ipAddress: null, groupId: null, bootAction: "install", notes: "rack 4" })).status).toBe(200);
    expect((await put({ hostname: "w-10", notes: "rack 4" })).status).toBe(200);
    const events = await prisma.event.findMany({ where: { type: "device.updated", deviceId: device.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => JSON.parse(event.details).changed)).toEqual([["notes"], ["hostname"]]);
  });

  it("bulk approves, rejects and deletes, reporting failures per device", async () => {
    const a = await newDevice("52:54:00:02:00:0a");
    const b = await newDevice("52:54:00:02:00:0b");
    const noRole = await bulk(new Request(url("/x"), body({ action: "approve", ids: [a.id] })), noParams);
    expect(noRole.status).toBe(422);
    const approved = await bulk(new Request(url("/x"), body({ action: "approve", ids: [a.id, b.id, "missing"], role: "worker" })), noParams);
    expect(await approved.json()).toEqual({ action: "approve", succeeded: [a.id, b.id], failed: [{ id: "missing", code: "not_found", message: expect.any(String) }] });
    await bulk(new Request(url("/x"), body({ action: "reject", ids: [a.id] })), noParams);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("rejected");
    await bulk(new Request(url("/x"), body({ action: "delete", ids: [a.id, b.id] })), noParams);
    expect(await prisma.device.count()).toBe(0);
    const tooMany = await bulk(new Request(url("/x"), body({ action: "delete", ids: Array.from({ length: 501 }, (_, i) => `id${i}`) })), noParams);
    expect(tooMany.status).toBe(422);
  });

  it("lists with status filter, search on every field in any MAC spelling, and paging", async () => {
    for (let i = 0; i < 30; i += 1) {
      await newDevice(`52:54:00:03:00:${i.toString(16).padStart(2, "0")}`, {
        status: i % 3 === 0 ? "approved" : "pending",
        hostname: `node-${i}`,
        ipAddress: `10.42.0.${100 + i}`,
        uuid: `0a1b2c3d-0000-4000-8000-0000000000${i.toString().padStart(2, "0")}`,
        serial: `SER${i}`,
        firstSeenAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    }
    const get = async (query: string) => (await list(new Request(url(`/api/v1/devices?${query}`), { headers: adminHeaders(token) }), noParams)).json();
    const all = await get("");
    expect(all).toMatchObject({ total: 30, page: 1, pageSize: 50 });
    expect(all.items[0].hostname).toBe("node-29");
    expect((await get("status=approved")).total).toBe(10);
    const page2 = await get("pageSize=7&page=2");
    expect(page2.items.map((d: { hostname: string }) => d.hostname)).toEqual(["node-22", "node-21", "node-20", "node-19", "node-18", "node-17", "node-16"]);
    for (const q of ["52-54-00-03-00-0A", "525400030010", "52%3A54%3A00%3A03%3A00%3A10"]) {
      const found = await get(`q=${encodeURIComponent(q)}`);
      expect(found.total, q).toBe(1);
    }
    expect((await get("q=NODE-2")).total).toBe(11);
    expect((await get("q=10.42.0.105")).items[0].hostname).toBe("node-5");
    expect((await get("q=0a1b2c3d-0000-4000-8000-000000000007")).items[0].hostname).toBe("node-7");
    expect((await get("q=ser12")).items[0].hostname).toBe("node-12");
    expect((await get("q=node&status=approved")).total).toBe(10);
    const bad = await list(new Request(url("/api/v1/devices?pageSize=501"), { headers: adminHeaders(token) }), noParams);
    expect(bad.status).toBe(422);
  });

  it("searches for % and _ literally, not as SQL wildcards", async () => {
    await newDevice("52:54:00:04:00:01", { serial: "A_1" });
    await newDevice("52:54:00:04:00:02", { serial: "AB1" });
    await newDevice("52:54:00:04:00:03", { serial: "A%1" });
    const serials = async (q: string) => {
      const found = await (await list(new Request(url(`/api/v1/devices?q=${encodeURIComponent(q)}`), { headers: adminHeaders(token) }), noParams)).json();

      return found.items.map((d: { serial: string }) => d.serial).sort();
    };
    expect(await serials("A_1")).toEqual(["A_1"]);
    expect(await serials("_")).toEqual(["A_1"]);
    expect(await serials("%")).toEqual(["A%1"]);
    expect(await serials("A%")).toEqual(["A%1"]);
  });
});
