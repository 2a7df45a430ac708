import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getRack } from "@/app/api/v1/devices/rack/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams } from "@/tests/helpers/boot-fixtures";

let token = "";
const rack = async (headers: HeadersInit = adminHeaders(token)) => getRack(new Request("http://ktizo.test/api/v1/devices/rack", { headers }), noParams);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  token = await createAdminToken();
});

beforeEach(async () => {
  await prisma.device.deleteMany();
});

describe("GET /api/v1/devices/rack", () => {
  it("needs a login", async () => {
    expect((await rack({})).status).toBe(401);
  });

  it("gives every device its stage, in power-on order, with counts per stage", async () => {
    const make = (n: number, data: Record<string, unknown>) =>
      prisma.device.create({ data: { mac: `52:54:00:09:00:0${n}`, firstSeenAt: minutesAgo(60 - n), ...data } });
    await make(1, { status: "pending" });
    await make(2, { status: "rejected" });
    await make(3, { status: "approved", role: "worker" });
    const booting = await make(4, { status: "approved", role: "worker" });
    await prisma.bootToken.create({ data: { deviceId: booting.id, tokenHash: "h".repeat(64), expiresAt: minutesAgo(-30) } });
    await make(5, { status: "approved", role: "worker", provisionedAt: minutesAgo(1), lastSeenAt: minutesAgo(1) });
    await make(6, { status: "approved", role: "controlplane", hostname: "cp-1", provisionedAt: minutesAgo(20), lastSeenAt: minutesAgo(2) });

    const response = await rack();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.devices.map((device: { stage: string }) => device.stage)).toEqual(["pending", "rejected", "approved", "booting", "downloaded", "installed"]);
    expect(body.devices[5]).toEqual({ id: expect.any(String), mac: "52:54:00:09:00:06", hostname: "cp-1", stage: "installed" });
    expect(body.counts).toEqual({ pending: 1, rejected: 1, approved: 1, booting: 1, downloaded: 1, installed: 1 });
    expect(body.truncated).toBe(false);
  });
});
