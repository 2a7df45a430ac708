import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { buildDnsmasqModel, type DnsmasqSettings } from "@/lib/domain/dnsmasq/build-dnsmasq-model";
import { renderTemplate } from "@/lib/templates/engine";
import { golden, goldenFiles } from "@/tests/helpers/golden";

// Golden files for templates/dnsmasq/dnsmasq.conf.liquid: both DHCP modes and every architecture
// branch. Regenerate after an intended template change with `npm run test:update-goldens` and
// review the diff; a missing golden fails (tests/helpers/golden.ts).
const base: DnsmasqSettings = {
  interface: "enp3s0",
  serverIp: "10.20.0.2",
  httpBaseUrl: "http://10.20.0.2:3100",
  dhcpMode: "full",
  dhcpRangeStart: "10.20.0.100",
  dhcpRangeEnd: "10.20.0.199",
  netmask: "255.255.255.0",
  gateway: "10.20.0.1",
  dnsServers: ["1.1.1.1", "9.9.9.9"],
  domain: "lab.example",
  leaseTime: "12h",
  dnsEnabled: false,
  tftpEnabled: true,
  uefiBinary: "ipxe.efi",
  arm64Binary: null,
};

const cases: [string, Partial<DnsmasqSettings>][] = [
  ["full-bios-uefi", {}],
  ["full-snponly-arm64-dns", { uefiBinary: "snponly.efi", arm64Binary: "/opt/ipxe/arm64/ipxe.efi", dnsEnabled: true, gateway: null, domain: null }],
  ["full-minimal-no-tftp", { gateway: null, dnsServers: [], domain: null, tftpEnabled: false, leaseTime: "infinite" }],
  ["proxy-bios-uefi", { dhcpMode: "proxy", dhcpRangeStart: "", dhcpRangeEnd: "", gateway: null }],
  ["proxy-snponly-arm64", { dhcpMode: "proxy", uefiBinary: "snponly.efi", arm64Binary: "ipxe-arm64.efi", netmask: "255.255.0.0" }],
];

const locations = { tftpRoot: "/srv/ktizo/compiled/tftp", leaseFile: "/srv/ktizo/data/dnsmasq.leases", hostsDir: "/srv/ktizo/compiled/dnsmasq/hosts.d" };

const goldenDir = path.join(import.meta.dirname, "__golden__");

describe("dnsmasq.conf golden files", () => {
  it.each(cases)("%s renders as the golden file and passes dnsmasq --test", async (name, overrides) => {
    const rendered = await renderTemplate("dnsmasq/dnsmasq.conf", buildDnsmasqModel({ ...base, ...overrides }, locations));
    expect(rendered).toBe(await golden({ file: path.join(goldenDir, `dnsmasq-${name}.conf`), rendered }));
    await expect(testDnsmasqConfig(rendered)).resolves.toBe("ok");
  });

  it("holds a golden file for each case and no other", async () => {
    const names = (await goldenFiles({ dir: goldenDir, ext: ".conf" })).map((file) => path.basename(file));
    expect(names).toEqual(cases.map(([name]) => `dnsmasq-${name}.conf`).sort());
  });
});

// Independent of the renderer: each golden file as it is on disk goes through the real
// `dnsmasq --test`, with the paths it names moved under a temp dir that exists.
describe("dnsmasq golden files on disk", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "ktz-golden-dnsmasq-"));
    await Promise.all(Object.values(locations).map((dir) => mkdir(path.join(root, dir), { recursive: true })));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(cases.map(([name]) => [name]))("dnsmasq-%s.conf passes the real dnsmasq --test", async (name) => {
    const text = await readFile(path.join(goldenDir, `dnsmasq-${name}.conf`), "utf8");
    const conf = path.join(root, `${name}.conf`);
    await writeFile(conf, text.replaceAll("/srv/ktizo/", `${root}/srv/ktizo/`));
    const result = await execa("dnsmasq", ["--test", `--conf-file=${conf}`], { reject: false, stdin: "ignore" });
    expect(result.exitCode, `${result.stderr}`).toBe(0);
    expect(result.stderr).toMatch(/syntax check OK/);
  });
});
