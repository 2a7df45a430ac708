import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import { flushDeviceSightings } from "@/lib/services/boot";
import { downloadConfig, prepareIdentityGate, scriptText, tokenOf } from "@/tests/helpers/identity-gate";
import { identityTable } from "@/tests/helpers/identity-table";

// Derived config tokens (lib/services/boot/boot-token.ts): a repeated Talos script re-serves the
// live token only while it is usable exactly as a new one would be; otherwise it mints one that
// replaces it in place, and the replaced token is refused. The download checks the stored hash.
const A = "52:54:00:2e:00:0a";
const ipA = "10.43.0.31";
const routed1 = "10.99.0.7";
const routed2 = "10.99.0.8";
const table = identityTable();

const approved = () => prisma.device.create({ data: { mac: A, status: "approved", role: "worker", hostname: "reuse-a" } });
const tokenFrom = async (ip: string) => tokenOf(await scriptText(A, ip))!;
const liveRows = (deviceId: string) => prisma.bootToken.findMany({ where: { deviceId, usedAt: null, voidedAt: null } });

beforeAll(async () => {
  await prepareIdentityGate(table);
}, 60_000);

afterAll(() => table.uninstall());

beforeEach(async () => {
  await flushDeviceSightings();
  await prisma.bootToken.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.updateMany({ data: { identityCheck: "strict", provisionWindowMinutes: 60 } });
  table.clear();
  table.neighbour(ipA, A);
});

it("strict: the same token again, one row, spent once", async () => {
  const device = await approved();
  const first = await tokenFrom(ipA);
  expect(await tokenFrom(ipA)).toBe(first);
  expect(await liveRows(device.id)).toHaveLength(1);
  expect((await downloadConfig(`mac=${A}&token=${first}`, ipA)).status).toBe(200);
  expect((await downloadConfig(`mac=${A}&token=${first}`, ipA)).status).toBe(403);
});

it("ip-only: re-served only to the address it is bound to; another address gets a new one and voids it", async () => {
  await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
  const device = await approved();
  const first = await tokenFrom(routed1);
  expect(await tokenFrom(routed1)).toBe(first);
  const second = await tokenFrom(routed2);
  expect(second).not.toBe(first);
  const rows = await liveRows(device.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ boundIp: routed2, tokenHash: hashToken(second) });
  expect((await downloadConfig(`mac=${A}&token=${first}`, routed1)).status).toBe(403);
  // A MAC-bound answer (the address now bound) does not re-serve the address-bound token.
  table.neighbour(routed2, A);
  const third = await tokenFrom(routed2);
  expect(third).not.toBe(second);
  expect(await liveRows(device.id)).toMatchObject([{ boundIp: null, tokenHash: hashToken(third) }]);
});

it("a live token not derived with this key (an older version's random one) is replaced, never re-served", async () => {
  const device = await approved();
  const old = generateSecretToken();
  await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: hashToken(old), expiresAt: new Date(Date.now() + 60 * 60_000) } });
  const served = await tokenFrom(ipA);
  expect(served).not.toBe(old);
  expect(await liveRows(device.id)).toMatchObject([{ tokenHash: hashToken(served) }]);
  expect(await tokenFrom(ipA)).toBe(served);
  expect((await downloadConfig(`mac=${A}&token=${old}`, ipA)).status).toBe(403);
});

it("two live tokens an older version left become one: the newest row takes the new token, the other is voided", async () => {
  const device = await approved();
  const older = generateSecretToken();
  const newer = generateSecretToken();
  const expiresAt = new Date(Date.now() + 60 * 60_000);
  await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: hashToken(older), expiresAt, createdAt: new Date(Date.now() - 2_000) } });
  const kept = await prisma.bootToken.create({ data: { deviceId: device.id, tokenHash: hashToken(newer), expiresAt, createdAt: new Date(Date.now() - 1_000) } });
  const served = await tokenFrom(ipA);
  expect(await liveRows(device.id)).toMatchObject([{ id: kept.id, tokenHash: hashToken(served) }]);
  for (const stale of [older, newer]) expect((await downloadConfig(`mac=${A}&token=${stale}`, ipA)).status).toBe(403);
  expect((await downloadConfig(`mac=${A}&token=${served}`, ipA)).status).toBe(200);
});

it("concurrent first scripts of one device leave one live token, and it is one of those served", async () => {
  const device = await approved();
  const served = await Promise.all(Array.from({ length: 8 }, () => tokenFrom(ipA)));
  const rows = await liveRows(device.id);
  expect(rows).toHaveLength(1);
  expect(served.map(hashToken)).toContain(rows[0]!.tokenHash);
});

it("a shortened provisioning window replaces a token that would outlive it", async () => {
  const device = await approved();
  const first = await tokenFrom(ipA);
  await prisma.networkSettings.updateMany({ data: { provisionWindowMinutes: 10 } });
  const second = await tokenFrom(ipA);
  expect(second).not.toBe(first);
  const [row] = await liveRows(device.id);
  expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(10 * 60_000);
  expect(await tokenFrom(ipA)).toBe(second);
});

it("a voided token (an admin change) is never re-served", async () => {
  const device = await approved();
  const first = await tokenFrom(ipA);
  await prisma.bootToken.updateMany({ where: { deviceId: device.id }, data: { voidedAt: new Date() } });
  const second = await tokenFrom(ipA);
  expect(second).not.toBe(first);
  expect((await downloadConfig(`mac=${A}&token=${first}`, ipA)).status).toBe(403);
  expect((await downloadConfig(`mac=${A}&token=${second}`, ipA)).status).toBe(200);
});
