import { describe, expect, it } from "vitest";
import { networkWarnings, suggestNetwork } from "./suggest-network";

const iface = (address: string, netmask: string, prefixLength: number) => ({ name: "enp1s0", address, netmask, prefixLength });

describe("suggestNetwork", () => {
  it.each([
    ["a /24, server low", iface("10.0.0.2", "255.255.255.0", 24), ["10.0.0.100", "10.0.0.199"]],
    ["a /24, server inside the default range", iface("10.0.0.150", "255.255.255.0", 24), ["10.0.0.100", "10.0.0.149"]],
    ["a /24, server high in the range", iface("10.0.0.110", "255.255.255.0", 24), ["10.0.0.111", "10.0.0.199"]],
    ["a /16", iface("172.16.5.1", "255.255.0.0", 16), ["172.16.0.100", "172.16.0.199"]],
    ["a /28", iface("192.168.7.1", "255.255.255.240", 28), ["192.168.7.7", "192.168.7.14"]],
  ])("%s", (_name, host, [start, end]) => {
    expect(suggestNetwork({ iface: host, port: 3000 })).toEqual({
      interface: "enp1s0",
      serverIp: host.address,
      netmask: host.netmask,
      dhcpRangeStart: start,
      dhcpRangeEnd: end,
      httpBaseUrl: `http://${host.address}:3000`,
    });
  });

  it("has nothing to suggest on a /30", () => {
    expect(suggestNetwork({ iface: iface("10.0.0.1", "255.255.255.252", 30), port: 3000 })).toBeNull();
  });
});

describe("networkWarnings", () => {
  const interfaces = [iface("10.0.0.2", "255.255.255.0", 24), { name: "eth1", address: "192.168.1.5", netmask: "255.255.255.0", prefixLength: 24 }];
  it.each([
    ["the server IP on its interface", { interface: "enp1s0", serverIp: "10.0.0.2" }, []],
    ["an absent interface", { interface: "eth9", serverIp: "10.0.0.2" }, [expect.stringContaining("eth9 does not exist")]],
    ["the server IP on another interface", { interface: "enp1s0", serverIp: "192.168.1.5" }, [expect.stringContaining("not an address of enp1s0 (10.0.0.2/24)")]],
  ])("%s", (_name, settings, expected) => {
    expect(networkWarnings({ settings, interfaces })).toEqual(expected);
  });
});
