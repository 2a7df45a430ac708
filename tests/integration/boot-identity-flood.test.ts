import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as scrape } from "@/app/metrics/route";
import { hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import { flushDeviceSightings } from "@/lib/services/boot";
import { resetBoundedEvents } from "@/lib/services/boot/bounded-events";
import { commitDownload } from "@/lib/services/boot/commit-config-download";
import { noParams } from "@/tests/helpers/boot-fixtures";
import { downloadConfig, prepareIdentityGate, scriptText, tokenOf } from "@/tests/helpers/identity-gate";
import { identityTable } from "@/tests/helpers/identity-table";
import { parsePrometheusText, valueOf } from "@/tests/helpers/prometheus-text";

// The identity gate under flood: the gate still decides every token and every download, while
// polls and replays write only what changed: one live token row per device carrying its bound
// address, identity status and mismatch events only on a change, refused downloads recorded
// once per device + reason + source address a minute and counted every time.
const A = "52:54:00:1e:00:0a";
const B = "52:54:00:1e:00:0b";
const ipA = "10.42.0.31";
const ipB = "10.42.0.32";
const table = identityTable();

const script = scriptText;
const get = downloadConfig;
const metric = async (name: string, labels: Record<string, string>) =>
  valueOf(parsePrometheusText(await (await scrape(new Request("http://ktizo.test/metrics"), noParams)).text()), name, labels);
const approved = (mac = A) => prisma.device.create({ data: { mac, status: "approved", role: "worker", hostname: `f-${mac.slice(-2)}` } });
const events = (type: string) => prisma.event.count({ where: { type } });

beforeAll(async () => {
  await prepareIdentityGate(table);
}, 60_000);

afterAll(() => table.uninstall());

beforeEach(async () => {
  await flushDeviceSightings();
  await prisma.bootToken.deleteMany();
  await prisma.device.deleteMany();
  await prisma.event.deleteMany();
  await prisma.webhookDelivery.deleteMany();
  await prisma.networkSettings.updateMany({ data: { identityCheck: "strict" } });
  resetBoundedEvents();
  table.clear();
  table.neighbour(ipA, A);
  table.neighbour(ipB, B);
});

describe("polls behind the identity gate", () => {
  it("strict, bound: 300 Talos scripts leave one live token row, one event and no device edit", async () => {
    const device = await approved();
    let last = "";
    for (let poll = 0; poll < 300; poll += 1) last = await script(A, ipA);
    await flushDeviceSightings();
    const rows = await prisma.bootToken.findMany({ where: { deviceId: device.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(tokenOf(last)!), boundIp: null, usedAt: null, voidedAt: null });
    expect(await prisma.event.count({ where: { deviceId: device.id } })).toBe(1);
    const after = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after).toMatchObject({ identityStatus: "bound" });
    // Only the first poll changed the identity line; updatedAt is never bumped by bookkeeping.
    expect(after.updatedAt.getTime()).toBe(device.updatedAt.getTime());
    expect((await get(`mac=${A}&token=${tokenOf(last)}`, ipA)).status).toBe(200);
  });

  it("ip-only, unverifiable: the one live row carries the address it was minted for, replaced in place", async () => {
    await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
    const device = await approved();
    const routed = "10.77.0.5";
    for (let poll = 0; poll < 100; poll += 1) await script(A, routed);
    const first = await prisma.bootToken.findFirstOrThrow({ where: { deviceId: device.id } });
    expect(first.boundIp).toBe(routed);
    expect(await events("boot.identity_unverified")).toBe(1);
    // The machine's address changed: the same row now names the new address; the old token is void.
    const oldToken = tokenOf(await script(A, routed));
    const token = tokenOf(await script(A, "10.77.0.6"));
    const rows = await prisma.bootToken.findMany({ where: { deviceId: device.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, boundIp: "10.77.0.6" });
    expect((await get(`mac=${A}&token=${oldToken}`, routed)).status).toBe(403);
    expect((await get(`mac=${A}&token=${token}`, "10.77.0.5")).status).toBe(403);
    expect((await get(`mac=${A}&token=${token}`, "10.77.0.6")).status).toBe(200);
  });

  it("an intruder interleaving with the real machine gets no token and writes a bounded number of events", async () => {
    const device = await approved();
    const before = await metric("ktizo_identity_mismatches_total", { stage: "script" });
    let intruderTokens = 0;
    for (let round = 0; round < 100; round += 1) {
      expect(tokenOf(await script(A, ipA))).not.toBeNull();
      if (tokenOf(await script(A, ipB)) !== null) intruderTokens += 1;
    }
    expect(intruderTokens).toBe(0);
    // Every mismatch is counted; the mismatch event and the flips of what the device is told are
    // recorded once per minute each, not per request.
    expect((await metric("ktizo_identity_mismatches_total", { stage: "script" })) - before).toBe(100);
    expect(await events("boot.identity_mismatch")).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { event: "boot.identity_mismatch" } })).toBe(1);
    // Talos (first poll), not-ready for the intruder, Talos again: then both keys are in the window.
    expect(await events("boot.script_served")).toBe(3);
    expect(await prisma.bootToken.count({ where: { deviceId: device.id } })).toBe(1);
  });
});

describe("refused downloads are bounded", () => {
  it("one event per device, reason and source address; every refusal counted", async () => {
    await approved();
    const token = tokenOf(await script(A, ipA));
    const before = await metric("ktizo_config_refusals_total", { reason: "wrong-device" });
    for (let attempt = 0; attempt < 50; attempt += 1) expect((await get(`mac=${A}&token=${token}`, ipB)).status).toBe(403);
    expect((await metric("ktizo_config_refusals_total", { reason: "wrong-device" })) - before).toBe(50);
    expect(await events("config.refused")).toBe(1);
    // Another reason, or another address, is a new event.
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await get(`mac=${A}&token=not-a-token`, ipA)).status).toBe(403);
    table.neighbour("10.42.0.33", B);
    expect((await get(`mac=${A}&token=${token}`, "10.42.0.33")).status).toBe(403);
    const refused = await prisma.event.findMany({ where: { type: "config.refused" }, orderBy: { createdAt: "asc" } });
    expect(refused.map((event) => [event.sourceIp, JSON.parse(event.details).code])).toEqual([
      [ipB, "wrong-device"],
      // A token no device holds: its own reason (not an alarm), one event like any other.
      [ipA, "not-current"],
      ["10.42.0.33", "wrong-device"],
    ]);
  });

  it("after provisioning: config.download_refused and its webhook once, not per attempt", async () => {
    await approved();
    const token = tokenOf(await script(A, ipA));
    expect((await get(`mac=${A}&token=${token}`, ipA)).status).toBe(200);
    for (let attempt = 0; attempt < 30; attempt += 1) expect((await get(`mac=${A}&token=${token}`, ipB)).status).toBe(403);
    expect(await events("config.download_refused")).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { event: "config.download_refused" } })).toBe(1);
  });
});

it("a download that read the token before a newer script replaced it cannot spend the new one", async () => {
  const device = await approved();
  const first = tokenOf(await script(A, ipA))!;
  const read = await prisma.bootToken.findFirstOrThrow({ where: { deviceId: device.id, tokenHash: hashToken(first) } });
  // Near its expiry the live token is replaced by the next script (lib/domain/boot/token-reuse.ts).
  await prisma.bootToken.update({ where: { id: read.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
  const second = tokenOf(await script(A, ipA))!;
  expect(second).not.toBe(first);
  const full = await prisma.device.findUniqueOrThrow({ where: { id: device.id } });
  expect(await commitDownload({ device: full, token: read, source: "token", sourceIp: ipA })).toBe(false);
  expect((await get(`mac=${A}&token=${second}`, ipA)).status).toBe(200);
});
