import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUT as putDevice } from "@/app/api/v1/devices/[id]/route";
import { GET as scrape } from "@/app/metrics/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders } from "@/tests/helpers/admin";
import { noParams } from "@/tests/helpers/boot-fixtures";
import { downloadConfig, prepareIdentityGate, scriptText, tokenOf } from "@/tests/helpers/identity-gate";
import { identityTable } from "@/tests/helpers/identity-table";
import { parsePrometheusText, valueOf } from "@/tests/helpers/prometheus-text";

// The gate's bookkeeping through the real route handlers: refusals are events with reason and
// source address, labelled counters on /metrics and (for a claim on an installed device or an
// identity mismatch) webhook deliveries; admin changes void live tokens; the boot action comes
// before the token. Addresses are bound in the neighbour-table stand-in (tests/helpers/identity-table.ts);
// tests/net/identity-*.test.ts run the same gate on real neighbour tables and dnsmasq leases.
const A = "52:54:00:1d:00:0a";
const B = "52:54:00:1d:00:0b";
const ipA = "10.42.0.21";
const ipB = "10.42.0.22";
const table = identityTable();
let admin = "";

const script = scriptText;
const get = downloadConfig;
const metrics = async () => parsePrometheusText(await (await scrape(new Request("http://ktizo.test/metrics"), noParams)).text());
const refusals = async (reason: string) => valueOf(await metrics(), "ktizo_config_refusals_total", { reason });
const put = (id: string, body: unknown) =>
  putDevice(new Request("http://ktizo.test/x", { method: "PUT", headers: adminHeaders(admin), body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  admin = await prepareIdentityGate(table);
}, 60_000);

afterAll(() => table.uninstall());

beforeEach(async () => {
  await prisma.device.deleteMany();
  await prisma.event.deleteMany();
  await prisma.webhookDelivery.deleteMany();
  await prisma.networkSettings.updateMany({ data: { identityCheck: "strict" } });
  table.clear();
  table.neighbour(ipA, A);
  table.neighbour(ipB, B);
});

const approved = (mac = A) => prisma.device.create({ data: { mac, status: "approved", role: "worker", hostname: `h-${mac.slice(-2)}` } });

describe("identity mismatch", () => {
  it("is an event once per change, a webhook delivery and a metric; no token is minted", async () => {
    const device = await approved();
    const before = valueOf(await metrics(), "ktizo_identity_mismatches_total", { stage: "script" });
    for (let i = 0; i < 3; i += 1) expect(tokenOf(await script(A, ipB))).toBeNull();
    expect(await prisma.bootToken.count({ where: { deviceId: device.id } })).toBe(0);
    expect(await prisma.event.count({ where: { type: "boot.identity_mismatch" } })).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { event: "boot.identity_mismatch" } })).toBe(1);
    expect(valueOf(await metrics(), "ktizo_identity_mismatches_total", { stage: "script" }) - before).toBe(3);
    const json = await (await import("@/app/api/v1/devices/[id]/route")).GET(new Request("http://ktizo.test/x", { headers: adminHeaders(admin) }), { params: Promise.resolve({ id: device.id }) });
    expect(await json.json()).toMatchObject({ identityStatus: "mismatch", identityReason: `${ipB} belongs to ${B} in the neighbour table, not to ${A}` });
  });

  it("a lease binds the address when the neighbour table has no entry", async () => {
    table.clear();
    table.lease(ipA, A);
    await approved();
    expect(tokenOf(await script(A, ipA))).not.toBeNull();
  });
});

describe("refusals are loud", () => {
  it.each([
    ["wrong-device", async () => {
      await approved();
      return { query: `mac=${A}&token=${tokenOf(await script(A, ipA))}`, ip: ipB };
    }],
    ["used", async () => {
      await approved();
      const token = tokenOf(await script(A, ipA));
      expect((await get(`mac=${A}&token=${token}`, ipA)).status).toBe(200);
      await prisma.device.update({ where: { mac: A }, data: { bootAction: "reinstall" } });
      return { query: `mac=${A}&token=${token}`, ip: ipA };
    }],
    ["expired", async () => {
      await approved();
      const token = tokenOf(await script(A, ipA));
      await prisma.bootToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
      return { query: `mac=${A}&token=${token}`, ip: ipA };
    }],
    ["pending", async () => {
      await prisma.device.create({ data: { mac: A } });
      return { query: `mac=${A}`, ip: ipA };
    }],
    ["rejected", async () => {
      await prisma.device.create({ data: { mac: A, status: "rejected" } });
      return { query: `mac=${A}`, ip: ipA };
    }],
    ["local", async () => {
      const device = await approved();
      const token = tokenOf(await script(A, ipA));
      // Set behind the services' back: the boot action is checked before the token anyway.
      await prisma.device.update({ where: { id: device.id }, data: { bootAction: "local" } });
      return { query: `mac=${A}&token=${token}`, ip: ipA };
    }],
  ])("%s: 403, an event with the reason and source IP, and the counter", async (code, arrange) => {
    const { query, ip } = await arrange();
    const before = await refusals(code);
    const response = await get(query, ip);
    expect(response.status).toBe(403);
    const event = await prisma.event.findFirstOrThrow({ where: { type: { in: ["config.refused", "config.download_refused"] } }, orderBy: { createdAt: "desc" } });
    expect(event.sourceIp).toBe(ip);
    expect(JSON.parse(event.details)).toMatchObject({ code, sourceIp: ip, reason: (await response.text()).trim() });
    expect((await refusals(code)) - before).toBe(1);
  });

  it("ip-only: a token spent from another address is wrong-ip", async () => {
    await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
    await approved();
    const token = tokenOf(await script(A, "10.77.0.5"));
    expect(token).not.toBeNull();
    const before = await refusals("wrong-ip");
    expect((await get(`mac=${A}&token=${token}`, "10.77.0.6")).status).toBe(403);
    expect((await refusals("wrong-ip")) - before).toBe(1);
    expect((await get(`mac=${A}&token=${token}`, "10.77.0.5")).status).toBe(200);
  });

  it("an attempt after provisioning raises config.download_refused with a webhook delivery", async () => {
    await approved();
    const token = tokenOf(await script(A, ipA));
    expect((await get(`mac=${A}&token=${token}`, ipA)).status).toBe(200);
    expect((await get(`mac=${A}&token=${token}`, ipB)).status).toBe(403);
    const event = await prisma.event.findFirstOrThrow({ where: { type: "config.download_refused" } });
    expect(event.sourceIp).toBe(ipB);
    expect(await prisma.webhookDelivery.count({ where: { event: "config.download_refused" } })).toBe(1);
  });
});

describe("any change of status, role, boot action or IP voids live tokens", () => {
  it.each([
    ["role", { role: "controlplane" }],
    ["boot action", { bootAction: "local" }],
    ["IP address", { ipAddress: "10.42.0.77" }],
  ])("%s", async (_name, change) => {
    const device = await approved();
    const token = tokenOf(await script(A, ipA));
    expect((await put(device.id, change)).status).toBe(200);
    expect(await prisma.bootToken.count({ where: { deviceId: device.id, usedAt: null, voidedAt: null } })).toBe(0);
    await prisma.device.update({ where: { id: device.id }, data: { bootAction: "install", role: "worker" } });
    expect((await get(`mac=${A}&token=${token}`, ipA)).status).toBe(403);
  });

  it("a change of notes only keeps the token", async () => {
    const device = await approved();
    const token = tokenOf(await script(A, ipA));
    expect((await put(device.id, { notes: "rack 4" })).status).toBe(200);
    expect((await get(`mac=${A}&token=${token}`, ipA)).status).toBe(200);
  });
});
