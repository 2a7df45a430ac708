import { beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { POST as register } from "@/app/api/v1/devices/register/route";
import { prisma } from "@/lib/db/client";
import { ipForMac, machineRequest, noParams } from "@/tests/helpers/boot-fixtures";

const post = (body: string, contentType = "application/json", ip?: string) =>
  register(machineRequest("/api/v1/devices/register", { method: "POST", ip, body, headers: { "content-type": contentType } }), noParams);

const macOf = (n: number, style: number): string => {
  const hex = `5254000100${n.toString(16).padStart(2, "0")}`;
  const pairs = hex.match(/../g)!;
  if (style === 0) return pairs.join(":");
  if (style === 1) return pairs.join("-").toUpperCase();
  if (style === 2) return hex;

  return encodeURIComponent(pairs.join(":"));
};

beforeEach(async () => {
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
});

describe("POST /api/v1/devices/register", () => {
  it("registers once and is idempotent", async () => {
    const first = await post(JSON.stringify({ mac: "52:54:00:01:00:aa", uuid: "0a1b2c3d-0000-4000-8000-000000000009", arch: "arm64", hostname: "Node-A" }));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ mac: "52:54:00:01:00:aa", status: "pending" });
    const again = await post(JSON.stringify({ mac: "52-54-00-01-00-AA", serial: "X1" }));
    expect(again.status).toBe(200);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:01:00:aa" } });
    expect(device).toMatchObject({ hostname: "node-a", arch: "arm64", serial: "X1", status: "pending" });
  });

  it("200 parallel registrations over 50 MACs (every spelling, both routes) make exactly 50 devices and no 5xx", async () => {
    const requests = Array.from({ length: 200 }, (_, i) => {
      const n = i % 50;
      const style = Math.floor(i / 50);
      // Each machine from its own address, as on a real network (the per-address limit is tested in boot-flood).
      const ip = ipForMac(macOf(n, 0));
      if (i % 2 === 0) return bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${macOf(n, style)}`, { ip }), noParams);

      return post(JSON.stringify({ mac: decodeURIComponent(macOf(n, style)) }), "application/json", ip);
    });
    const statuses = (await Promise.all(requests)).map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200, 201]));
    expect(await prisma.device.count()).toBe(50);
    expect(await prisma.event.count({ where: { type: "device.registered" } })).toBe(50);
  });

  it.each([
    ["a malformed MAC", JSON.stringify({ mac: "52:54:00:01:00" }), "application/json", 400],
    ["a missing MAC", JSON.stringify({}), "application/json", 422],
    ["a hostile hostname", JSON.stringify({ mac: "52:54:00:01:00:bb", hostname: "a\nb" }), "application/json", 422],
    ["an injected hostname", JSON.stringify({ mac: "52:54:00:01:00:bb", hostname: "x${net0/mac}" }), "application/json", 422],
    ["an unknown field", JSON.stringify({ mac: "52:54:00:01:00:bb", status: "approved" }), "application/json", 422],
    ["broken JSON", "{mac:", "application/json", 400],
    ["a wrong content type", "mac=52:54:00:01:00:bb", "text/plain", 415],
    ["a body over 64 KB", JSON.stringify({ mac: "52:54:00:01:00:bb", serial: "x".repeat(70_000) }), "application/json", 413],
  ])("refuses %s with a clear one-line 4xx and changes nothing", async (_name, body, contentType, status) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text.trim().split("\n")).toHaveLength(1);
    expect(text.length).toBeGreaterThan(3);
    expect(await prisma.device.count()).toBe(0);
    expect(await prisma.event.count()).toBe(0);
  });
});
