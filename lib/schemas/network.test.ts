import { describe, expect, it } from "vitest";
import { networkSettingsFormSchema } from "@/lib/schemas/network-form";
import { networkSettingsSchema, updateNetworkSettingsSchema } from "@/lib/schemas/network";

const validNetwork = {
  interface: "eth0",
  serverIp: "10.9.8.2",
  httpBaseUrl: "http://10.9.8.2:3100/",
  dhcpRangeStart: "10.9.8.100",
  dhcpRangeEnd: "10.9.8.150",
};

// Every string field that could reach dnsmasq.conf, with a value that is otherwise valid.
const stringFields: [string, string][] = [
  ["interface", "eth0"],
  ["serverIp", "10.9.8.2"],
  ["httpBaseUrl", "http://10.9.8.2:3100"],
  ["dhcpRangeStart", "10.9.8.100"],
  ["dhcpRangeEnd", "10.9.8.150"],
  ["netmask", "255.255.255.0"],
  ["gateway", "10.9.8.1"],
  ["domain", "lab.example"],
  ["leaseTime", "12h"],
  ["uefiBinary", "ipxe.efi"],
  ["arm64Binary", "ipxe-arm64.efi"],
  ["factorySchematic", "ab".repeat(32)],
];

describe("networkSettingsSchema", () => {
  it("fills defaults and trims the base URL", () => {
    const parsed = networkSettingsSchema.parse(validNetwork);
    expect(parsed).toMatchObject({ dhcpMode: "full", httpBaseUrl: "http://10.9.8.2:3100", leaseTime: "12h", dnsEnabled: false });
  });

  it.each(stringFields.flatMap(([field, good]) => [
    [field, `${good}\nport=53`],
    [field, `${good},set:x`],
    [field, `${good}\r`],
    [field, `"${good}"`],
  ]))("refuses %s = %j", (field, value) => {
    expect(networkSettingsSchema.safeParse({ ...validNetwork, [field]: value }).success).toBe(false);
  });

  it.each([
    ["dnsServers", ["1.1.1.1,8.8.8.8"]],
    ["dnsServers", ["1.1.1.1\nserver=6.6.6.6"]],
    ["extraKernelArgs", "console=tty0\nexit"],
    // A newline at either end must be refused, not trimmed away into an accepted value.
    ["extraKernelArgs", "\nnet.ifnames=0"],
    ["extraKernelArgs", "net.ifnames=0\r\n"],
    ["extraKernelArgs", "talos.config=${evil}"],
    ["extraKernelArgs", "a#b"],
    ["httpBaseUrl", "https://10.9.8.2"],
    ["serverIp", "10.9.8.02"],
    ["netmask", "255.0.255.0"],
    ["interface", "a-very-long-interface-name"],
    ["leaseTime", "60"],
    ["pendingHoldSeconds", 600],
    ["identityCheck", "loose"],
    ["identityCheck", ""],
  ])("refuses %s = %j", (field, value) => {
    expect(networkSettingsSchema.safeParse({ ...validNetwork, [field]: value }).success).toBe(false);
  });

  it("identityCheck defaults to strict and names itself when wrong", () => {
    expect(networkSettingsSchema.parse(validNetwork).identityCheck).toBe("strict");
    const result = networkSettingsSchema.safeParse({ ...validNetwork, identityCheck: "loose" });
    expect(result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["identityCheck", "identityCheck must be strict, ip-only or off"]]);
  });

  it("accepts a comma inside extraKernelArgs (console=ttyS0,115200n8 never reaches dnsmasq)", () => {
    expect(networkSettingsSchema.parse({ ...validNetwork, extraKernelArgs: " console=ttyS0,115200n8   net.ifnames=0 " }).extraKernelArgs).toBe(
      "console=ttyS0,115200n8 net.ifnames=0",
    );
  });

  it.each([
    [{ dhcpRangeStart: "10.9.9.100" }, "dhcpRangeStart"],
    [{ dhcpRangeStart: "10.9.8.160" }, "dhcpRangeEnd"],
    [{ serverIp: "10.9.8.5", dhcpRangeStart: "10.9.8.1", dhcpRangeEnd: "10.9.8.9" }, "dhcpRangeStart"],
    [{ gateway: "192.168.1.1" }, "gateway"],
    [{ dhcpRangeStart: "" }, "dhcpRangeStart"],
  ] as [Record<string, string>, string][])("cross-field rule: %j fails on %s", (change, path) => {
    const result = networkSettingsSchema.safeParse({ ...validNetwork, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("proxy mode needs no range", () => {
    expect(networkSettingsSchema.safeParse({ ...validNetwork, dhcpMode: "proxy", dhcpRangeStart: "", dhcpRangeEnd: "" }).success).toBe(true);
  });

  it("refuses unknown fields", () => {
    expect(networkSettingsSchema.safeParse({ ...validNetwork, tftpRoot: "/etc" }).success).toBe(false);
  });
});

describe("updateNetworkSettingsSchema", () => {
  it("keeps only the fields sent (no defaults that would reset others)", () => {
    expect(updateNetworkSettingsSchema.parse({ leaseTime: "1h" })).toEqual({ leaseTime: "1h" });
  });
});

describe("networkSettingsFormSchema", () => {
  it("converts checkboxes, numbers, empty optionals and the DNS list", () => {
    const parsed = networkSettingsFormSchema.parse({
      ...validNetwork,
      dnsEnabled: "on",
      ipxePollSeconds: "15",
      gateway: "",
      dnsServers: "1.1.1.1, 9.9.9.9",
    });
    expect(parsed).toMatchObject({ dnsEnabled: true, tftpEnabled: false, ipxePollSeconds: 15, gateway: null, dnsServers: ["1.1.1.1", "9.9.9.9"] });
  });
});
