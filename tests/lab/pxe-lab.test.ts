import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactConfig } from "@/lib/domain/talos/redact-config";
import type { DeviceJson } from "@/lib/schemas/device";
import { createLan, netTestsEnabled, randomMac, type Lan } from "@/tests/net/netns";
import { descendantsOf, survivorsAfter, waitForStatus } from "@/tests/net/worker-harness";
import { adminApi, type AdminApi } from "./admin-api";
import { startKtizo, prepareStandIn, waitFor, type KtizoService } from "./ktizo-service";
import { plugTap, startVm, type Firmware, type Vm } from "./qemu";
import { serialReport } from "./serial-report";

// The PXE lab (docs/testing.md): real firmware (SeaBIOS + Debian's iPXE ROM, and OVMF) boots
// through ktizo started as `npm start` runs it, with the worker's dnsmasq on a lab segment in
// network namespaces. The machine side is a Talos STAND-IN (Debian kernel + busybox initramfs,
// scripts/lab/) because Talos itself needs a disk and minutes per boot under TCG.
const port = 3261;
const rebuild = "npx next build && node scripts/build-stamp.mjs > .next/ktizo-build-stamp";
const labBudgetMs = 6 * 60_000;
const vmTimeoutMs = 300_000;
type Page<T> = { items: T[]; total: number };
type EventRow = { type: string; details: Record<string, unknown> };

describe.skipIf(!netTestsEnabled())("PXE lab: real firmware boots through ktizo", () => {
  const labStart = Date.now();
  let lan: Lan;
  let work: string;
  let ktizo: KtizoService;
  let api: AdminApi;
  let server: string;
  const vms: Vm[] = [];
  const macs: Record<Firmware, string> = { bios: randomMac(), uefi: randomMac() };

  beforeAll(async () => {
    // `npm test` builds (and stamps the build) before Vitest. start.sh would rebuild a missing or
    // stale build itself, but that takes longer than the lab's whole budget and would replace the
    // build other tests are serving, so the lab refuses to start instead.
    const stamp = (await execa("node", ["scripts/build-stamp.mjs"])).stdout.trim();
    const built = await readFile(".next/ktizo-build-stamp", "utf8").then((text) => text.trim(), () => "none");
    if (!existsSync(".next/BUILD_ID") || built !== stamp) {
      throw new Error(`the production build is missing or stale (stamp ${built}, sources ${stamp}): run \`${rebuild}\` first (npm test does)`);
    }
    const standIn = await prepareStandIn();
    lan = await createLan([{ name: "ktizo", hostPart: 1 }, { name: "bios" }, { name: "uefi" }]);
    server = `${lan.prefix}.1`;
    for (const firmware of ["bios", "uefi"] as const) await plugTap(lan, firmware);
    work = await mkdtemp(path.join(tmpdir(), "ktz-pxe-lab-"));
    ktizo = await startKtizo({ lan, host: "ktizo", work, port, standIn });
    await ktizo.process.waitForOutput(/ktizo listening on/, 240_000);
    console.log(`[pxe-lab] ktizo listening at ${((Date.now() - labStart) / 1000).toFixed(0)} s`);
    const baseUrl = `http://${server}:${port}`;
    api = adminApi({ lan, host: "ktizo", baseUrl, token: ktizo.token });
    // The admin's steps, through the admin API: cluster, secrets, configs, network, Apply.
    await api.json("POST", "/api/v1/cluster/settings", { name: "lab", endpoint: `https://${lan.prefix}.10:6443` });
    await api.json("POST", "/api/v1/cluster/secrets/generate", {});
    await api.json("POST", "/api/v1/cluster/config/generate", {});
    await api.json("POST", "/api/v1/network/settings", {
      dhcpMode: "full",
      interface: "lan0",
      serverIp: server,
      httpBaseUrl: baseUrl,
      dhcpRangeStart: `${lan.prefix}.100`,
      dhcpRangeEnd: `${lan.prefix}.150`,
      assetSource: "local",
      ipxePollSeconds: 2,
      // The stand-in reports on the serial port; the last console= is where /dev/console goes.
      extraKernelArgs: "console=ttyS0,115200",
    });
    const applied = await api.json<{ dnsmasqTest: string; dnsmasq: string }>("POST", "/api/v1/network/settings/apply");
    expect(applied).toMatchObject({ dnsmasqTest: "ok", dnsmasq: "running" });
    await waitForStatus(ktizo.dirs.workerStatusFile, (status) => status.state === "running", { timeoutMs: 60_000, what: "the worker's dnsmasq" });
    console.log(`[pxe-lab] ktizo up, settings applied, dnsmasq running at ${((Date.now() - labStart) / 1000).toFixed(0)} s`);
  }, 360_000);

  afterAll(async () => {
    await Promise.all(vms.map((vm) => vm.stop()));
    // run-all stops the web server and the worker, the worker its dnsmasq; whatever of ours is
    // still alive after that (a stop during start.sh's migration step) is killed by PID.
    const ours = ktizo ? await descendantsOf(ktizo.process.pid) : [];
    await ktizo?.process.stop();
    for (const pid of await survivorsAfter(ours, 5_000).then((left) => left.map((line) => Number(line.split(" ")[0])))) {
      process.kill(pid, "SIGKILL");
    }
    await lan?.destroy();
    // KTIZO_LAB_KEEP=1 keeps the serial logs and the server's folders for a look after a failure.
    if (work && process.env.KTIZO_LAB_KEEP !== "1") await rm(work, { recursive: true, force: true });
    console.log(`[pxe-lab] whole lab: ${((Date.now() - labStart) / 1000).toFixed(0)} s`);
  }, 60_000);

  const deviceByMac = async (mac: string) => (await api.json<Page<DeviceJson>>("GET", `/api/v1/devices?q=${mac}`)).items.find((device) => device.mac === mac);
  const scriptsServed = async (deviceId: string) =>
    (await api.json<Page<EventRow>>("GET", `/api/v1/events?type=boot.script_served&deviceId=${deviceId}&pageSize=500`)).items.map((event) => event.details.script);
  const lap = (firmware: Firmware, what: string) => console.log(`[pxe-lab] ${firmware}: ${what} at ${((Date.now() - labStart) / 1000).toFixed(0)} s`);
  const boot = async (firmware: Firmware, count: number) => {
    const vm = await startVm({ lan, host: firmware, firmware, mac: macs[firmware], work, boot: count });
    vms.push(vm);

    return vm;
  };

  it.concurrent.for<Firmware>(["bios", "uefi"])("%s: PXE, pending, approval, the Talos stand-in gets its own config, then the disk", { timeout: labBudgetMs }, async (firmware, { expect }) => {
    const mac = macs[firmware];
    const hostname = `lab-${firmware}`;
    const staticIp = firmware === "bios" ? `${lan.prefix}.21` : undefined;

    // 1. DHCP from the worker's dnsmasq, iPXE (ROM or TFTP), /boot.ipxe, registered as pending.
    const first = await boot(firmware, 1);
    const waiting = await first.waitForSerial(/is waiting for approval in ktizo/, vmTimeoutMs);
    lap(firmware, "pending");
    if (firmware === "uefi") {
      // OVMF's own PXE client got ipxe.efi from the worker's dnsmasq over TFTP, then iPXE chained.
      expect(waiting).toContain("NBP filename is ipxe.efi");
      expect(waiting).toContain("NBP file downloaded successfully");
      expect(ktizo.process.output()).toMatch(/sent \S*\/ipxe\.efi to \d+\.\d+\.\d+\.\d+/);
    } else {
      // SeaBIOS ran the NIC's iPXE ROM, which DHCPs as "iPXE" and goes straight to /boot.ipxe.
      expect(waiting).toMatch(/iPXE \(PCI [0-9a-f:.]+\) starting execution/);
    }
    expect(waiting).toContain(`Filename: http://${server}:${port}/boot.ipxe`);
    const pending = await waitFor(`${mac} in the device list`, () => deviceByMac(mac), 30_000);
    expect(pending.status).toBe("pending");
    // It keeps polling and keeps waiting: three more rounds, and still no Talos script.
    await first.waitForSerial(/(is waiting for approval in ktizo[\s\S]*){4}/, 120_000);
    expect(await first.serial()).not.toMatch(/booting Talos/);
    expect(await scriptsServed(pending.id)).not.toContain("talos");
    expect((await deviceByMac(mac))?.configDownloadCount).toBe(0);

    // 2. Approval through the API; the next poll gets the Talos script, kernel and initramfs over HTTP.
    await api.json("POST", `/api/v1/devices/${pending.id}/approve`, { role: "worker", hostname, ...(staticIp ? { ipAddress: staticIp } : {}) });
    const preview = await api.json<{ yaml: string; validation: { ok: boolean } }>("GET", `/api/v1/devices/${pending.id}/config`);
    expect(preview.validation.ok).toBe(true);
    const serial = await first.waitForSerial(/ktizo-lab: (powering off|config download FAILED)/, vmTimeoutMs);
    const report = serialReport(serial);
    lap(firmware, "config downloaded");
    expect(serial).toContain(`booting Talos v1.11.6 for ${mac}`);
    expect(report.configFailed, serial.slice(-2000)).toBe(false);
    expect(report.nicMac).toBe(mac);
    if (staticIp) expect(report.address).toBe(`${staticIp}/24`);

    // 3. The config the stand-in downloaded is this device's own: byte-exact over the serial line,
    //    and equal to the admin's preview once the same secrets are redacted.
    const downloaded = report.config ?? Buffer.alloc(0);
    expect(createHash("sha256").update(downloaded).digest("hex")).toBe(report.sha256);
    expect(redactConfig(downloaded.toString("utf8"))).toBe(preview.yaml);
    expect(downloaded.toString("utf8")).toMatch(new RegExp(`hostname: ${hostname}\\b`));
    const provisioned = await deviceByMac(mac);
    expect(provisioned?.provisionedAt).not.toBeNull();
    expect(provisioned?.configDownloadCount).toBe(1);
    expect(provisioned?.lastDownloadIp).toBe(report.address?.split("/")[0]);

    // 4. The next PXE boot of the provisioned machine exits to its disk instead of installing again.
    await waitFor(`${firmware} VM to power off`, async () => first.exited(), 60_000);
    const second = await boot(firmware, 2);
    const again = await second.waitForSerial(/booting from the local disk/, vmTimeoutMs);
    await second.stop();
    lap(firmware, "exited to disk");
    expect(again).toContain(`ktizo: ${mac} provisioned, booting from the local disk`);
    expect(again).not.toMatch(/booting Talos/);
    expect((await deviceByMac(mac))?.configDownloadCount).toBe(1);
    expect(Date.now() - labStart).toBeLessThan(labBudgetMs);
  });
});
