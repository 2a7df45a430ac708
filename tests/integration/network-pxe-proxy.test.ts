import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/principal";
import { paths } from "@/lib/paths";
import { applyNetworkSettings } from "@/lib/services/network";
import { createNetworkSettings } from "@/lib/services/network";
import { pxeArch, pxeProbe } from "@/tests/net/dhcp-probe";
import { createLan, netTestsEnabled, type Background, type Lan } from "@/tests/net/netns";

// Proxy DHCP: ktizo's dnsmasq beside the site's own DHCP server (a second, plain dnsmasq) on one
// segment. The site hands out the address; ktizo answers the PXE boot-server request on port 4011
// with the boot file (TOOLCHAIN.md §6, "Proxy-DHCP").
describe.skipIf(!netTestsEnabled())("proxy DHCP mode with real dnsmasq", () => {
  let lan: Lan;
  let site: Background;
  let ktizo: Background;
  let siteDir: string;
  let server: string;

  beforeAll(async () => {
    lan = await createLan([{ name: "site", hostPart: 1 }, { name: "server", hostPart: 2 }, { name: "client" }]);
    server = `${lan.prefix}.2`;
    siteDir = await mkdtemp(path.join(tmpdir(), "ktz-site-"));
    await chmod(siteDir, 0o755);
    await chmod(process.env.KTIZO_TEST_ROOT ?? paths().root, 0o755);
    const siteConf = [
      "port=0",
      "interface=lan0",
      "bind-interfaces",
      // The ping check before an offer delays the site's answer by seconds; the probe waits anyway.
      "no-ping",
      `dhcp-leasefile=${siteDir}/leases`,
      `dhcp-range=${lan.prefix}.100,${lan.prefix}.150,255.255.255.0,1h`,
      "dhcp-authoritative",
    ];
    await writeFile(path.join(siteDir, "dnsmasq.conf"), `${siteConf.join("\n")}\n`);
    site = lan.background("site", ["dnsmasq", "--keep-in-foreground", `--conf-file=${siteDir}/dnsmasq.conf`, `--pid-file=${siteDir}/pid`, "--log-facility=-"]);
    await site.waitForOutput(/started, version/);

    await createNetworkSettings(
      { interface: "lan0", serverIp: server, httpBaseUrl: `http://${server}:3100`, dhcpMode: "proxy" },
      { actor: systemActor },
    );
    expect((await applyNetworkSettings({ actor: systemActor })).dnsmasqTest).toBe("ok");
    ktizo = lan.background("server", [
      "dnsmasq", "--keep-in-foreground", `--conf-file=${paths().dnsmasqConf}`, `--pid-file=${paths().dnsmasqPidFile}`, "--log-facility=-",
    ]);
    await ktizo.waitForOutput(/started, version/);
  });

  afterAll(async () => {
    await ktizo?.stop();
    await site?.stop();
    await lan?.destroy();
    await rm(siteDir, { recursive: true, force: true });
  });

  it.each([
    ["BIOS", pxeArch.bios, undefined, "undionly.kpxe"],
    ["UEFI x86-64 (arch 7)", pxeArch.efiX64, undefined, "ipxe.efi"],
    ["UEFI x86-64 (arch 9)", pxeArch.efiBc, undefined, "ipxe.efi"],
    ["iPXE (user class)", pxeArch.bios, "iPXE", "http://SERVER:3100/boot.ipxe"],
  ])("%s: the site gives the address, ktizo's port-4011 answer the boot file", async (_label, arch, userClass, expected) => {
    const result = await pxeProbe(lan, { host: "client", arch, userClass, waitSeconds: 4 });
    const fromSite = result.offers.find((offer) => offer.yiaddr !== "0.0.0.0");
    const fromKtizo = result.offers.find((offer) => offer.yiaddr === "0.0.0.0");
    expect(fromSite?.serverId).toBe(`${lan.prefix}.1`);
    expect(fromKtizo?.vendorClass).toBe("PXEClient");
    expect(fromKtizo?.bootFile ?? null).toBeNull();
    expect(result.ack?.yiaddr).toMatch(new RegExp(`^${lan.prefix.replaceAll(".", "\\.")}\\.1[0-5]\\d$`));
    expect(result.bootServerAck?.bootFile).toBe(expected.replace("SERVER", server));
    expect(result.bootServerAck?.siaddr).toBe(server);
  });
});
