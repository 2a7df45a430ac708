import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { downloadConfig, prepareIdentityGate, scriptText, tokenOf } from "@/tests/helpers/identity-gate";
import { identityTable } from "@/tests/helpers/identity-table";

// A token replaced by a newer boot script of the same device is refused with its own reason, not
// as "wrong-device": wrong-device means the token (or the source address) belongs to another
// machine, which is an alarm; a replaced token is the real machine's own stale script (it fetched
// its script twice, or its firmware retried), which is not. Only the route handlers are used.

const A = "52:54:00:1e:00:0a";
const B = "52:54:00:1e:00:0b";
const ipA = "10.42.0.31";
const ipB = "10.42.0.32";
const table = identityTable();

beforeAll(async () => {
  await prepareIdentityGate(table);
}, 60_000);

afterAll(() => table.uninstall());

beforeEach(async () => {
  await prisma.device.deleteMany();
  await prisma.event.deleteMany();
  table.clear();
  table.neighbour(ipA, A);
  table.neighbour(ipB, B);
});

// A repeated script re-serves the live token while it has more than half its window left
// (lib/domain/boot/token-reuse.ts); near its expiry the next script replaces it.
const nearExpiry = (mac: string) => prisma.bootToken.updateMany({ where: { device: { mac }, usedAt: null, voidedAt: null }, data: { expiresAt: new Date(Date.now() + 60_000) } });

const lastRefusalCode = async (): Promise<string> => {
  const event = await prisma.event.findFirstOrThrow({ where: { type: { in: ["config.refused", "config.download_refused"] } }, orderBy: { createdAt: "desc" } });

  return String(JSON.parse(event.details).code);
};

const twoApprovedDevices = () =>
  prisma.device.createMany({
    data: [
      { mac: A, status: "approved", role: "worker", hostname: "h-a" },
      { mac: B, status: "approved", role: "worker", hostname: "h-b" },
    ],
  });

describe("a token replaced by a newer script", () => {
  it("is refused; another device's token is wrong-device; the newer token works", async () => {
    await twoApprovedDevices();
    const first = tokenOf(await scriptText(A, ipA));
    expect(tokenOf(await scriptText(A, ipA))).toBe(first);
    await nearExpiry(A);
    const second = tokenOf(await scriptText(A, ipA));
    expect(first).not.toBe(second);
    expect((await downloadConfig(`mac=${A}&token=${first}`, ipA)).status).toBe(403);
    const other = tokenOf(await scriptText(B, ipB));
    expect((await downloadConfig(`mac=${A}&token=${other}`, ipA)).status).toBe(403);
    expect(await lastRefusalCode()).toBe("wrong-device");
    expect((await downloadConfig(`mac=${A}&token=${second}`, ipA)).status).toBe(200);
  });

  it("is refused as not-current, not wrong-device", async () => {
    await twoApprovedDevices();
    const first = tokenOf(await scriptText(A, ipA));
    await nearExpiry(A);
    expect(tokenOf(await scriptText(A, ipA))).not.toBe(first);
    expect((await downloadConfig(`mac=${A}&token=${first}`, ipA)).status).toBe(403);
    expect(await lastRefusalCode()).toBe("not-current");
  });
});
