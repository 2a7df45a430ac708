import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";
import { configUrlIn, fetchInNs, tokenIn } from "@/tests/net/fetch-in-ns";
import { addRoutedClient, type Routed } from "@/tests/net/identity-routed";
import { createLan, netTestsEnabled, randomMac, type Background, type Lan } from "@/tests/net/netns";

// The trust gate on a real L2 segment (docs/security.md): ktizo's real route handlers run inside
// the "server" namespace (tests/net/serve-routes.ts) and read that namespace's real /proc/net/arp.
// "machine" has MAC A, "intruder" MAC B, both on the bridge; "remote" sits behind "router".
const httpPort = 3181;

describe.skipIf(!netTestsEnabled())("identity binding on the provisioning network", () => {
  let lan: Lan;
  let http: Background;
  let routed: Routed;
  let base: string;
  const macA = randomMac();
  const macR = randomMac();
  const ns = (name: string) => lan.host(name).ns;
  const script = (host: string, mac: string) => fetchInNs(host, `${base}/api/v1/boot/ipxe?mac=${mac}&arch=x86_64`);
  const setMode = (identityCheck: "strict" | "ip-only" | "off") => prisma.networkSettings.updateMany({ data: { identityCheck: identityCheck === "ip-only" ? "ip_only" : identityCheck } });
  const liveTokens = (mac: string) => prisma.bootToken.count({ where: { device: { mac }, usedAt: null, voidedAt: null } });
  const freshDevice = async (mac: string) => {
    await prisma.device.deleteMany({ where: { mac } });
    await prisma.device.create({ data: { mac, status: "approved", role: "worker", hostname: `n-${mac.slice(-2)}` } });
  };

  beforeAll(async () => {
    lan = await createLan([
      { name: "server", hostPart: 1 },
      { name: "machine", hostPart: 21, mac: macA },
      { name: "intruder", hostPart: 22 },
      { name: "router", hostPart: 254 },
    ]);
    base = `http://${lan.prefix}.1:${httpPort}`;
    routed = await addRoutedClient({ lan, router: "router", server: "server", mac: macR });
    await prisma.networkSettings.create({
      data: {
        interface: "lan0",
        dnsServers: [],
        serverIp: `${lan.prefix}.1`,
        httpBaseUrl: base,
        dhcpMode: "proxy",
        dhcpRangeStart: "",
        dhcpRangeEnd: "",
        identityCheck: "strict",
      },
    });
    await seedGeneratedCluster();
    http = lan.background("server", [process.execPath, "--import", "tsx", "tests/net/serve-routes.ts", `${lan.prefix}.1`, String(httpPort)]);
    await http.waitForOutput(/listening on/, 20_000);
  });

  afterAll(async () => {
    await http?.stop();
    await routed?.destroy();
    await lan?.destroy();
  });

  beforeEach(async () => {
    await setMode("strict");
    await freshDevice(macA);
    await freshDevice(macR);
    await prisma.event.deleteMany();
  });

  it("the intruder asking for A's script gets no token, and the mismatch is recorded", async () => {
    const answer = await script(ns("intruder"), macA);
    expect(answer.status).toBe(200);
    expect(tokenIn(answer.body)).toBeNull();
    expect(answer.body).toContain("identity mismatch");
    expect(await liveTokens(macA)).toBe(0);
    const device = await prisma.device.findUniqueOrThrow({ where: { mac: macA } });
    expect(device).toMatchObject({ identityStatus: "mismatch" });
    expect(device.identityReason).toContain(`${lan.prefix}.22 belongs to ${lan.host("intruder").mac}`);
    const event = await prisma.event.findFirstOrThrow({ where: { type: "boot.identity_mismatch", deviceId: device.id } });
    expect(event.sourceIp).toBe(`${lan.prefix}.22`);
    expect(JSON.parse(event.details)).toMatchObject({ boundMac: lan.host("intruder").mac, stage: "script" });
  });

  it("A gets a token; the intruder replaying it from its own address gets 403; A then gets its config", async () => {
    const answer = await script(ns("machine"), macA);
    const token = tokenIn(answer.body);
    expect(token, answer.body).not.toBeNull();
    const configUrl = configUrlIn(answer.body)!;
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: macA } })).identityStatus).toBe("bound");

    const replay = await fetchInNs(ns("intruder"), configUrl);
    expect(replay.status).toBe(403);
    expect(replay.body).toContain("identity mismatch");
    expect(replay.body).not.toMatch(/machine:|PRIVATE KEY/);
    const refused = await prisma.event.findFirstOrThrow({ where: { type: "config.refused", sourceIp: `${lan.prefix}.22` } });
    expect(JSON.parse(refused.details)).toMatchObject({ code: "wrong-device", sourceIp: `${lan.prefix}.22` });
    expect(await liveTokens(macA)).toBe(1);

    const config = await fetchInNs(ns("machine"), configUrl);
    expect(config.status, config.body).toBe(200);
    expect(config.body).toContain("hostname: n-");
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: macA } })).provisionedAt).not.toBeNull();

    // After provisioning, a second claim on the identity is config.download_refused (a webhook event).
    const again = await fetchInNs(ns("intruder"), configUrl);
    expect(again.status).toBe(403);
    const loud = await prisma.event.findFirstOrThrow({ where: { type: "config.download_refused" } });
    expect(loud.sourceIp).toBe(`${lan.prefix}.22`);
  });

  it("at most one live token per device: a repeated script re-serves it, a replacement voids it", async () => {
    const first = tokenIn((await script(ns("machine"), macA)).body);
    expect(first).not.toBeNull();
    // Still usable: the same token again, nothing written (lib/domain/boot/token-reuse.ts).
    expect(tokenIn((await script(ns("machine"), macA)).body)).toBe(first);
    // Near its expiry the next script replaces it.
    await prisma.bootToken.updateMany({ where: { device: { mac: macA }, usedAt: null, voidedAt: null }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    const second = tokenIn((await script(ns("machine"), macA)).body);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(await liveTokens(macA)).toBe(1);
    const stale = await fetchInNs(ns("machine"), `${base}/api/v1/config/download?mac=${macA}&token=${first}`);
    expect(stale.status).toBe(403);
    // The live row was replaced in place (docs/flood-bounds.md): the first token's hash is gone.
    expect(stale.body).toContain("a newer boot script replaced it");
  });

  describe("a routed client (behind a router: its binding cannot be verified)", () => {
    it("strict: no token; the machine keeps polling and the device shows why", async () => {
      const answer = await fetchInNs(routed.ns, `${base}/api/v1/boot/ipxe?mac=${macR}`);
      expect(answer.status).toBe(200);
      expect(tokenIn(answer.body)).toBeNull();
      expect(answer.body).toMatch(/identity not verified/);
      expect(answer.body).toMatch(/chain .*\/api\/v1\/boot\/ipxe\?mac=/);
      expect(await liveTokens(macR)).toBe(0);
      expect(await prisma.device.findUniqueOrThrow({ where: { mac: macR } })).toMatchObject({ identityStatus: "unverifiable" });
    });

    it("ip-only: a token bound to the source address; only that address may spend it", async () => {
      await setMode("ip-only");
      const answer = await fetchInNs(routed.ns, `${base}/api/v1/boot/ipxe?mac=${macR}`);
      const configUrl = configUrlIn(answer.body);
      expect(configUrl, answer.body).not.toBeNull();
      expect(await prisma.bootToken.findFirstOrThrow({ where: { device: { mac: macR } } })).toMatchObject({ boundIp: routed.ip });
      expect(await prisma.event.count({ where: { type: "boot.identity_unverified" } })).toBe(1);

      const stolen = await fetchInNs(ns("intruder"), configUrl!);
      expect(stolen.status).toBe(403);
      const config = await fetchInNs(routed.ns, configUrl!);
      expect(config.status, config.body).toBe(200);
    });

    it("off: a token without any check (documented unsafe)", async () => {
      await setMode("off");
      const answer = await fetchInNs(routed.ns, `${base}/api/v1/boot/ipxe?mac=${macR}`);
      const configUrl = configUrlIn(answer.body);
      expect(configUrl, answer.body).not.toBeNull();
      expect((await fetchInNs(routed.ns, configUrl!)).status).toBe(200);
    });
  });
});
