import { createHash } from "node:crypto";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDeviceReservation } from "@/lib/compile/device-reservation";
import { systemActor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { applyNetworkSettings } from "@/lib/services/network";
import { createNetworkSettings } from "@/lib/services/network";
import { pxeArch, pxeProbe, udhcpcProbe } from "@/tests/net/dhcp-probe";
import { httpGet } from "@/tests/net/http-get";
import { createLan, netTestsEnabled, randomMac, type Background, type Lan } from "@/tests/net/netns";

// The PXE path with the real dnsmasq, the config ktizo renders and applies, Debian's iPXE binaries,
// and the real /boot.ipxe handler, inside namespaces this test creates (TOOLCHAIN.md §6).
const httpPort = 3180;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe.skipIf(!netTestsEnabled())("full DHCP mode with real dnsmasq", () => {
  let lan: Lan;
  let dnsmasq: Background;
  let http: Background;
  let server: string;
  let work: string;
  const approvedMac = randomMac();
  const lateMac = randomMac();

  beforeAll(async () => {
    lan = await createLan([
      { name: "server", hostPart: 1 },
      { name: "client" },
      { name: "known", mac: approvedMac },
      { name: "late", mac: lateMac },
    ]);
    server = `${lan.prefix}.1`;
    work = await mkdtemp(path.join(tmpdir(), "ktz-pxe-work-"));
    // dnsmasq drops to `nobody`: the test's temp root (mkdtemp: 0700) must be traversable for TFTP.
    await chmod(process.env.KTIZO_TEST_ROOT ?? paths().root, 0o755);
    await createNetworkSettings(
      {
        interface: "lan0",
        serverIp: server,
        httpBaseUrl: `http://${server}:${httpPort}`,
        dhcpRangeStart: `${lan.prefix}.100`,
        dhcpRangeEnd: `${lan.prefix}.150`,
        leaseTime: "1h",
        // Debian ships no arm64 iPXE; any file stands in to exercise the arm64 branch end to end.
        arm64Binary: "snponly.efi",
      },
      { actor: systemActor },
    );
    await prisma.device.create({ data: { mac: approvedMac, status: "approved", ipAddress: `${lan.prefix}.11`, hostname: "node1", role: "worker" } });
    const applied = await applyNetworkSettings({ actor: systemActor });
    expect(applied.dnsmasqTest).toBe("ok");
    dnsmasq = lan.background("server", [
      "dnsmasq", "--keep-in-foreground", `--conf-file=${paths().dnsmasqConf}`, `--pid-file=${paths().dnsmasqPidFile}`, "--log-facility=-",
    ]);
    await dnsmasq.waitForOutput(/started, version/);
    http = lan.background("server", [process.execPath, "--import", "tsx", "tests/net/serve-routes.ts", server, String(httpPort)]);
    await http.waitForOutput(/listening on/, 20_000);
  });

  afterAll(async () => {
    await dnsmasq?.stop();
    await http?.stop();
    await lan?.destroy();
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    ["BIOS (arch 0)", pxeArch.bios, undefined, "undionly.kpxe"],
    ["UEFI x86-64 (arch 7)", pxeArch.efiX64, undefined, "ipxe.efi"],
    ["UEFI x86-64 (arch 9)", pxeArch.efiBc, undefined, "ipxe.efi"],
    ["UEFI arm64 (arch 11)", pxeArch.efiArm64, undefined, "ipxe-arm64.efi"],
    ["iPXE on BIOS", pxeArch.bios, "iPXE", "http://SERVER:PORT/boot.ipxe"],
    ["iPXE on UEFI", pxeArch.efiX64, "iPXE", "http://SERVER:PORT/boot.ipxe"],
  ])("%s gets the right boot file and siaddr", async (_label, arch, userClass, expected) => {
    const answer = await udhcpcProbe(lan, { host: "client", arch, userClass });
    expect(answer.bootFile).toBe(expected.replace("SERVER", server).replace("PORT", String(httpPort)));
    expect(answer.siaddr).toBe(server);
    expect(answer.ip).toMatch(new RegExp(`^${lan.prefix.replaceAll(".", "\\.")}\\.1[0-5]\\d$`));
  });

  it("UEFI HTTP boot (arch 16, vendor class HTTPClient) gets the EFI binary over HTTP", async () => {
    const answer = await udhcpcProbe(lan, { host: "client", arch: pxeArch.efiX64Http, vendorClass: "HTTPClient:Arch:00016:UNDI:003001", configure: true });
    expect(answer.bootFile).toBe(`http://${server}:${httpPort}/api/v1/assets/ipxe/ipxe.efi`);
    // The firmware only accepts the offer when it carries vendor class HTTPClient (option 60).
    const raw = await pxeProbe(lan, { host: "client", arch: pxeArch.efiX64Http, vendorClass: "HTTPClient:Arch:00016:UNDI:003001", waitSeconds: 3 });
    expect(raw.ack?.vendorClass).toBe("HTTPClient");
    expect(raw.ack?.bootFile).toBe(`http://${server}:${httpPort}/api/v1/assets/ipxe/ipxe.efi`);
    const out = path.join(work, `http-ipxe.efi.${lan.suffix}`);
    const fetched = await httpGet(lan, "client", answer.bootFile ?? "", out);
    expect(fetched.exitCode, String(fetched.stderr)).toBe(0);
    expect(sha256(await readFile(out))).toBe(sha256(await readFile(path.join(paths().ipxeSourceDir, "ipxe.efi"))));
  });

  it("an approved device with a static IP gets that IP", async () => {
    const answer = await udhcpcProbe(lan, { host: "known", arch: pxeArch.bios });
    expect(answer.ip).toBe(`${lan.prefix}.11`);
  });

  // Removal and change need a SIGHUP, which only the worker sends: tests/net/apply-end-to-end.test.ts.
  it("a new approval is served without restarting dnsmasq", async () => {
    const pid = (await readFile(paths().dnsmasqPidFile, "utf8")).trim();
    await syncDeviceReservation({ mac: lateMac, ipAddress: `${lan.prefix}.12`, hostname: "late", status: "approved" });
    await dnsmasq.waitForOutput(/inotify.*(new or modified|hosts\.d)/);
    expect((await udhcpcProbe(lan, { host: "late", arch: pxeArch.efiX64 })).ip).toBe(`${lan.prefix}.12`);
    expect((await readFile(paths().dnsmasqPidFile, "utf8")).trim()).toBe(pid);
    expect(dnsmasq.output()).not.toMatch(/exiting/);
  });

  it.each(["undionly.kpxe", "ipxe.efi"])("TFTP fetch of %s matches the source sha256", async (name) => {
    await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios, configure: true });
    const out = path.join(work, `${name}.${lan.suffix}`);
    const result = await lan.run("client", ["busybox", "tftp", "-g", "-r", name, "-l", out, server]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(sha256(await readFile(out))).toBe(sha256(await readFile(path.join(paths().ipxeSourceDir, name))));
  });

  it("/boot.ipxe is reachable over HTTP from the client namespace", async () => {
    await udhcpcProbe(lan, { host: "client", arch: pxeArch.bios, configure: true });
    const result = await httpGet(lan, "client", `http://${server}:${httpPort}/boot.ipxe`);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(String(result.stdout)).toMatch(/^#!ipxe/);
    expect(String(result.stdout)).toContain(`http://${server}:${httpPort}/api/v1/boot/ipxe?mac=`);
  });
});
