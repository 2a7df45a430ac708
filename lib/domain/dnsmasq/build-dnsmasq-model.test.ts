import { describe, expect, it } from "vitest";
import { buildDnsmasqModel, type DnsmasqSettings } from "@/lib/domain/dnsmasq/build-dnsmasq-model";

const settings: DnsmasqSettings = {
  interface: "eth0",
  serverIp: "10.9.8.2",
  httpBaseUrl: "http://10.9.8.2:3100/",
  dhcpMode: "full",
  dhcpRangeStart: "10.9.8.100",
  dhcpRangeEnd: "10.9.8.150",
  netmask: "255.255.255.0",
  gateway: "10.9.8.1",
  dnsServers: ["1.1.1.1"],
  domain: null,
  leaseTime: "1h",
  dnsEnabled: false,
  tftpEnabled: true,
  uefiBinary: "ipxe.efi",
  arm64Binary: "/opt/arm64.efi",
};
const locations = { tftpRoot: "/t", leaseFile: "/l", hostsDir: "/h" };

// Which boot file a client of each architecture gets: the rule whose archs contain it.
const bootFileFor = (model: ReturnType<typeof buildDnsmasqModel>, arch: number) =>
  [...model.tftpRules, ...model.httpRules].filter((rule) => rule.archs.includes(arch)).map((rule) => rule.file);

describe("buildDnsmasqModel", () => {
  it.each([
    [0, "undionly.kpxe"],
    [7, "ipxe.efi"],
    [9, "ipxe.efi"],
    [11, "ipxe-arm64.efi"],
    [16, "http://10.9.8.2:3100/api/v1/assets/ipxe/ipxe.efi"],
    [19, "http://10.9.8.2:3100/api/v1/assets/ipxe/ipxe-arm64.efi"],
  ])("client arch %i gets exactly %s", (arch, file) => {
    expect(bootFileFor(buildDnsmasqModel(settings, locations), arch)).toEqual([file]);
  });

  it("uses snponly.efi for UEFI when chosen", () => {
    expect(bootFileFor(buildDnsmasqModel({ ...settings, uefiBinary: "snponly.efi" }, locations), 7)).toEqual(["snponly.efi"]);
  });

  it("has no arm64 branch without an arm64 binary", () => {
    const model = buildDnsmasqModel({ ...settings, arm64Binary: null }, locations);
    expect(bootFileFor(model, 11)).toEqual([]);
    expect(bootFileFor(model, 19)).toEqual([]);
  });

  it("sends iPXE to boot.ipxe under the http base URL", () => {
    expect(buildDnsmasqModel(settings, locations).ipxeScriptUrl).toBe("http://10.9.8.2:3100/boot.ipxe");
  });

  it("proxy mode derives the network from the server address and hands out no addresses", () => {
    const model = buildDnsmasqModel({ ...settings, dhcpMode: "proxy", serverIp: "10.9.200.7", netmask: "255.255.0.0" }, locations);
    expect(model.full).toBeNull();
    expect(model.proxy).toEqual({ network: "10.9.0.0", netmask: "255.255.0.0" });
    expect(model.router).toBeNull();
    expect(model.httpRules).toEqual([]);
  });

  it("DNS on: clients get ktizo as resolver, configured servers become upstreams", () => {
    const model = buildDnsmasqModel({ ...settings, dnsEnabled: true }, locations);
    expect(model.dnsServerOption).toBe("10.9.8.2");
    expect(model.upstreamDns).toEqual(["1.1.1.1"]);
  });

  it("TFTP off: no tftp root", () => {
    expect(buildDnsmasqModel({ ...settings, tftpEnabled: false }, locations).tftpRoot).toBeNull();
  });
});
