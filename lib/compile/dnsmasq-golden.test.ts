import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDnsmasqConfig } from "@/lib/compile/compile-dnsmasq";
import { buildDnsmasqModel, type DnsmasqSettings } from "@/lib/domain/dnsmasq/build-dnsmasq-model";
import { renderTemplate } from "@/lib/templates/engine";

// Golden files for templates/dnsmasq/dnsmasq.conf.liquid: both DHCP modes and every architecture
// branch. Regenerate after an intended template change with UPDATE_GOLDEN=1 and review the diff.
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

describe("dnsmasq.conf golden files", () => {
  it.each(cases)("%s renders as the golden file and passes dnsmasq --test", async (name, overrides) => {
    const rendered = await renderTemplate("dnsmasq/dnsmasq.conf", buildDnsmasqModel({ ...base, ...overrides }, locations));
    const golden = path.join(import.meta.dirname, "__golden__", `dnsmasq-${name}.conf`);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) await writeFile(golden, rendered);
    expect(rendered).toBe(await readFile(golden, "utf8"));
    await expect(testDnsmasqConfig(rendered)).resolves.toBe("ok");
  });
});
