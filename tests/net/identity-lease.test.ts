import { chmod, readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { applyNetworkSettings, createNetworkSettings } from "@/lib/services/network";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";
import { pxeArch, udhcpcProbe } from "@/tests/net/dhcp-probe";
import { configUrlIn, fetchInNs, tokenIn } from "@/tests/net/fetch-in-ns";
import { createLan, netTestsEnabled, randomMac, type Background, type Lan } from "@/tests/net/netns";

// Full-DHCP mode: the real dnsmasq, on the config ktizo renders and applies, hands out the
// addresses, and ktizo binds them by dnsmasq's real lease file alone (serve-routes "leases": the
// neighbour table is left out, so only the lease can bind).
const httpPort = 3182;

describe.skipIf(!netTestsEnabled())("identity binding by dnsmasq's lease file", () => {
  let lan: Lan;
  let dnsmasq: Background;
  let http: Background;
  let base: string;
  const macA = randomMac();
  const leased: Record<string, string> = {};

  beforeAll(async () => {
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "machine", mac: macA }, { name: "intruder" }]);
    const server = `${lan.prefix}.1`;
    base = `http://${server}:${httpPort}`;
    // dnsmasq drops to `nobody`: the test's temp root (mkdtemp: 0700) must be traversable.
    await chmod(process.env.KTIZO_TEST_ROOT ?? paths().root, 0o755);
    await createNetworkSettings(
      { interface: "lan0", serverIp: server, httpBaseUrl: base, dhcpRangeStart: `${lan.prefix}.100`, dhcpRangeEnd: `${lan.prefix}.150`, leaseTime: "1h", identityCheck: "strict" },
      { actor: systemActor },
    );
    expect((await applyNetworkSettings({ actor: systemActor })).dnsmasqTest).toBe("ok");
    await seedGeneratedCluster();
    await prisma.device.create({ data: { mac: macA, status: "approved", role: "worker", hostname: "leased-a" } });
    dnsmasq = lan.background("server", ["dnsmasq", "--keep-in-foreground", `--conf-file=${paths().dnsmasqConf}`, `--pid-file=${paths().dnsmasqPidFile}`, "--log-facility=-"]);
    await dnsmasq.waitForOutput(/started, version/);
    http = lan.background("server", [process.execPath, "--import", "tsx", "tests/net/serve-routes.ts", server, String(httpPort), "leases"]);
    await http.waitForOutput(/listening on/, 20_000);
    for (const host of ["machine", "intruder"]) {
      const answer = await udhcpcProbe(lan, { host, arch: pxeArch.efiX64, userClass: "iPXE", configure: true });
      leased[host] = answer.ip ?? "";
    }
  });

  afterAll(async () => {
    await dnsmasq?.stop();
    await http?.stop();
    await lan?.destroy();
  });

  it("dnsmasq wrote both leases to the file ktizo reads", async () => {
    const leases = await readFile(paths().leaseFile, "utf8");
    expect(leases).toContain(`${macA} ${leased.machine}`);
    expect(leases).toContain(`${lan.host("intruder").mac} ${leased.intruder}`);
  });

  it("the intruder asking for A's script gets no token", async () => {
    const answer = await fetchInNs(lan.host("intruder").ns, `${base}/api/v1/boot/ipxe?mac=${macA}`);
    expect(tokenIn(answer.body)).toBeNull();
    expect(answer.body).toContain("identity mismatch");
    expect((await prisma.device.findUniqueOrThrow({ where: { mac: macA } })).identityReason).toContain("a DHCP lease");
  });

  it("A gets a token by its lease; the intruder's replay is 403; A gets its config", async () => {
    const answer = await fetchInNs(lan.host("machine").ns, `${base}/api/v1/boot/ipxe?mac=${macA}`);
    const configUrl = configUrlIn(answer.body);
    expect(configUrl, answer.body).not.toBeNull();
    expect(await prisma.device.findUniqueOrThrow({ where: { mac: macA } })).toMatchObject({ identityStatus: "bound", identityReason: expect.stringContaining("DHCP lease") });
    const replay = await fetchInNs(lan.host("intruder").ns, configUrl!);
    expect(replay.status).toBe(403);
    const config = await fetchInNs(lan.host("machine").ns, configUrl!);
    expect(config.status, config.body).toBe(200);
    expect(config.body).toContain("hostname: leased-a");
  });
});
