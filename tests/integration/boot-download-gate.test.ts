import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download, POST as downloadPost } from "@/app/api/v1/config/download/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

let admin = "";
const get = (query: string) => download(machineRequest(`/api/v1/config/download?${query}`), noParams);

// Mints a real token by asking for the Talos boot script, as a machine would.
const tokenFor = async (mac: string): Promise<string> => {
  const script = await (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}`), noParams)).text();
  const token = script.match(/&token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no token in:\n${script}`);

  return token;
};

// "Never any byte of a config": the refusal is one short text line, nothing YAML-like.
const expectRefused = async (response: Response, status: number, reason: RegExp) => {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  const body = await response.text();
  expect(body).toMatch(reason);
  expect(body.trim().split("\n")).toHaveLength(1);
  expect(body).not.toMatch(/machine:|cluster:|PRIVATE KEY|version: v1alpha1/);
};

const setNetwork = (data: { allowMacOnlyDownload?: boolean; pendingHoldSeconds?: number }) => prisma.networkSettings.updateMany({ data });

beforeAll(async () => {
  admin = await createAdminToken();
  await seedNetworkSettings({ pendingHoldSeconds: 1 });
  await seedGeneratedCluster();
}, 60_000);

beforeEach(async () => {
  await prisma.device.deleteMany();
  await setNetwork({ allowMacOnlyDownload: false, pendingHoldSeconds: 1 });
});

describe("config download gate", () => {
  it("registers an unknown MAC as pending and refuses it", async () => {
    await expectRefused(await get("mac=52%3A54%3A00%3A0e%3A00%3A01&uuid=0a1b2c3d-0000-4000-8000-0000000000ee"), 403, /unknown device: registered as pending/);
    expect(await prisma.device.findUniqueOrThrow({ where: { mac: "52:54:00:0e:00:01" } })).toMatchObject({ status: "pending", uuid: "0a1b2c3d-0000-4000-8000-0000000000ee" });
    expect(await prisma.event.count({ where: { type: "config.refused" } })).toBeGreaterThan(0);
  });

  it("refuses a pending device after the hold, even with MAC-only download on", async () => {
    await setNetwork({ allowMacOnlyDownload: true, pendingHoldSeconds: 1 });
    await prisma.device.create({ data: { mac: "52:54:00:0e:00:02" } });
    const started = Date.now();
    await expectRefused(await get("mac=52:54:00:0e:00:02"), 403, /pending approval/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("refuses a rejected device even with a token it got while approved", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:03", status: "approved", role: "worker" } });
    const token = await tokenFor(device.mac);
    await prisma.device.update({ where: { id: device.id }, data: { status: "rejected" } });
    await expectRefused(await get(`mac=${device.mac}&token=${token}`), 403, /rejected/);
  });

  it.each([
    // No device holds it: refused as not-current, no alarm (docs/security.md).
    ["a wrong token", async () => "A".repeat(43), /not this device's current token/],
    ["another device's token", async () => {
      await prisma.device.create({ data: { mac: "52:54:00:0e:00:99", status: "approved", role: "worker" } });
      return tokenFor("52:54:00:0e:00:99");
    }, /not valid for this device/],
    ["an expired token", async (mac: string) => {
      const token = await tokenFor(mac);
      await prisma.bootToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
      return token;
    }, /expired/],
    ["no token with MAC-only off", async () => "", /token is required/],
  ])("refuses an approved device with %s", async (_name, makeToken, reason) => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:04", status: "approved", role: "worker" } });
    const token = await makeToken(device.mac);
    await expectRefused(await get(`mac=${device.mac}${token ? `&token=${token}` : ""}`), 403, reason);
    expect((await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).provisionedAt).toBeNull();
  });

  it("a used token is void, and so is every other token of the device", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:05", status: "approved", role: "worker" } });
    const first = await tokenFor(device.mac);
    // A repeated script re-serves the live token while it has more than half its window left.
    expect(await tokenFor(device.mac)).toBe(first);
    // Near its expiry it is replaced instead (lib/domain/boot/token-reuse.ts).
    await prisma.bootToken.updateMany({ where: { deviceId: device.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    const second = await tokenFor(device.mac);
    expect(second).not.toBe(first);
    // One live token row per device: the second script replaced the first token (boot-tokens.ts).
    expect(await prisma.bootToken.count({ where: { deviceId: device.id } })).toBe(1);
    await expectRefused(await get(`mac=${device.mac}&token=${first}`), 403, /not this device's current token/);
    expect((await get(`mac=${device.mac}&token=${second}`)).status).toBe(200);
    await expectRefused(await get(`mac=${device.mac}&token=${second}`), 403, /already used/);
    await expectRefused(await get(`mac=${device.mac}&token=${first}`), 403, /not this device's current token/);
  });

  it("two parallel downloads with one token: exactly one gets the config", async () => {
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:06", status: "approved", role: "worker" } });
    const token = await tokenFor(device.mac);
    const statuses = (await Promise.all([get(`mac=${device.mac}&token=${token}`), get(`mac=${device.mac}&token=${token}`)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 403]);
  });

  it("MAC-only download when enabled, once; then a reinstall is needed", async () => {
    await setNetwork({ allowMacOnlyDownload: true });
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:07", status: "approved", role: "worker" } });
    expect((await get(`mac=${device.mac}`)).status).toBe(200);
    await expectRefused(await get(`mac=${device.mac}`), 403, /already provisioned/);
  });

  it("answers 409 with the reason while the cluster config is not generated", async () => {
    const saved = await prisma.clusterSettings.findFirstOrThrow();
    await prisma.clusterSettings.update({ where: { id: saved.id }, data: { controlPlaneConfigEnc: null } });
    try {
      await setNetwork({ allowMacOnlyDownload: true });
      const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:08", status: "approved", role: "worker" } });
      await expectRefused(await get(`mac=${device.mac}`), 409, /not been generated/);
      expect((await prisma.device.findUniqueOrThrow({ where: { id: device.id } })).provisionedAt).toBeNull();
    } finally {
      await prisma.clusterSettings.update({ where: { id: saved.id }, data: { controlPlaneConfigEnc: saved.controlPlaneConfigEnc } });
    }
  });

  it("a held download of a pending device gets its config within 2 s of the approval", async () => {
    await setNetwork({ allowMacOnlyDownload: true, pendingHoldSeconds: 20 });
    const device = await prisma.device.create({ data: { mac: "52:54:00:0e:00:09" } });
    const held = get(`mac=${device.mac}`);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const approvedAt = Date.now();
    const approval = await approve(
      new Request("http://ktizo.test/x", { method: "POST", headers: adminHeaders(admin), body: JSON.stringify({ role: "worker", hostname: "held-1" }) }),
      { params: Promise.resolve({ id: device.id }) },
    );
    expect(approval.status).toBe(200);
    const response = await held;
    expect(Date.now() - approvedAt).toBeLessThan(2000);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("hostname: held-1");
  });

  it("POST takes the documented form; bad bodies are refused", async () => {
    await setNetwork({ allowMacOnlyDownload: true });
    await prisma.device.create({ data: { mac: "52:54:00:0e:00:0a", status: "approved", role: "worker" } });
    const post = (body: string, contentType: string) =>
      downloadPost(machineRequest("/api/v1/config/download", { method: "POST", body, headers: { "content-type": contentType } }), noParams);
    await expectRefused(await post("mac=52:54:00:0e:00:0a", "text/plain"), 415, /expected application\/json/);
    await expectRefused(await post(JSON.stringify({ mac: "x".repeat(70_000) }), "application/json"), 413, /larger than/);
    await expectRefused(await post(JSON.stringify({ mac: "nope" }), "application/json"), 400, /mac/);
    const ok = await post(JSON.stringify({ mac: "52-54-00-0E-00-0A" }), "application/json");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/yaml/);
  });
});
