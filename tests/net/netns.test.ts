import { copyFile, chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pxeArch, pxeProbe, udhcpcProbe } from "@/tests/net/dhcp-probe";
import { createLan, netTestsEnabled, type Background, type Lan } from "@/tests/net/netns";

// Self-test of the harness with a hand-written dnsmasq config (TOOLCHAIN.md §6), independent of
// ktizo's renderer, so a failure here points at the harness and not at the product.
describe.skipIf(!netTestsEnabled())("netns harness", () => {
  let lan: Lan;
  let dnsmasq: Background;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ktz-harness-"));
    await chmod(dir, 0o755);
    lan = await createLan([{ name: "server", hostPart: 1 }, { name: "client" }]);
    const conf = [
      "port=0",
      "interface=lan0",
      "bind-interfaces",
      "log-dhcp",
      `dhcp-leasefile=${dir}/leases`,
      `dhcp-range=${lan.prefix}.100,${lan.prefix}.150,255.255.255.0,1h`,
      "dhcp-match=set:bios,option:client-arch,0",
      "dhcp-boot=tag:bios,undionly.kpxe,,${SERVER}",
      "enable-tftp",
      `tftp-root=${dir}`,
    ].join("\n").replace("${SERVER}", `${lan.prefix}.1`);
    await writeFile(path.join(dir, "dnsmasq.conf"), `${conf}\n`);
    await copyFile("/usr/lib/ipxe/undionly.kpxe", path.join(dir, "undionly.kpxe"));
    await chmod(path.join(dir, "undionly.kpxe"), 0o644);
    dnsmasq = lan.background("server", [
      "dnsmasq", "--keep-in-foreground", `--conf-file=${dir}/dnsmasq.conf`, `--pid-file=${dir}/pid`, "--log-facility=-",
    ]);
    await dnsmasq.waitForOutput(/started, version/);
  });

  afterAll(async () => {
    await dnsmasq?.stop();
    await lan?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("udhcpc gets an address, siaddr and the BIOS boot file", async () => {
    const answer = await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios });
    expect(answer.ip).toMatch(new RegExp(`^${lan.prefix.replaceAll(".", "\\.")}\\.1[0-5]\\d$`));
    expect(answer.siaddr).toBe(`${lan.prefix}.1`);
    expect(answer.bootFile).toBe("undionly.kpxe");
  });

  it("the python PXE probe sees the same offer", async () => {
    const result = await pxeProbe(lan, { host: "client", arch: pxeArch.bios, waitSeconds: 3 });
    expect(result.ack?.bootFile).toBe("undionly.kpxe");
    expect(result.ack?.siaddr).toBe(`${lan.prefix}.1`);
  });

  it("cleans up: namespaces exist while the lan lives", async () => {
    const result = await lan.run("client", ["ip", "-o", "link", "show", "lan0"]);
    expect(String(result.stdout)).toContain(lan.host("client").mac);
  });
});
