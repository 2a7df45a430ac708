import { describe, expect, it } from "vitest";
import { intToIpv4, ipv4RangesOverlap, ipv4ToInt, isHostInSubnet, networkOf, prefixLengthOf, sameSubnet, subnetOf } from "@/lib/domain/net/ipv4";

describe("ipv4", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.0.0.1", 167_772_161],
    ["255.255.255.255", 4_294_967_295],
    ["192.168.1.256", null],
    ["01.2.3.4", null],
    ["1.2.3", null],
    ["1.2.3.4 ", null],
  ])("ipv4ToInt(%s) = %s", (ip, expected) => {
    expect(ipv4ToInt(ip)).toBe(expected);
    if (expected !== null) expect(intToIpv4(expected)).toBe(ip);
  });

  it.each([
    ["255.255.255.0", 24],
    ["255.255.255.255", 32],
    ["0.0.0.0", 0],
    ["255.255.0.255", null],
    ["255.255.255", null],
  ])("prefixLengthOf(%s) = %s", (netmask, expected) => {
    expect(prefixLengthOf(netmask)).toBe(expected);
  });

  it.each([
    ["10.0.5.7", "10.0.5.200", "255.255.255.0", true],
    ["10.0.5.7", "10.0.6.7", "255.255.255.0", false],
    ["10.0.5.7", "10.0.6.7", "255.255.0.0", true],
    ["10.0.5.7", "nope", "255.255.255.0", false],
    ["10.0.5.7", "10.0.5.8", "255.0.255.0", false],
  ])("sameSubnet(%s, %s, %s) = %s", (a, b, netmask, expected) => {
    expect(sameSubnet(a, b, netmask)).toBe(expected);
  });

  it("networkOf and host addresses", () => {
    expect(intToIpv4(networkOf("172.16.9.130", "255.255.255.128") ?? -1)).toBe("172.16.9.128");
    const subnet = subnetOf({ ip: "192.168.4.10", netmask: "255.255.255.0" });
    expect(subnet).not.toBeNull();
    expect(isHostInSubnet("192.168.4.1", subnet!)).toBe(true);
    expect(isHostInSubnet("192.168.4.0", subnet!)).toBe(false);
    expect(isHostInSubnet("192.168.4.255", subnet!)).toBe(false);
    expect(isHostInSubnet("192.168.5.1", subnet!)).toBe(false);
  });
});

describe("ipv4RangesOverlap", () => {
  it.each([
    ["10.0.0.10", "10.0.0.20", "10.0.0.20", "10.0.0.30", true],
    ["10.0.0.10", "10.0.0.20", "10.0.0.21", "10.0.0.30", false],
    ["10.0.0.10", "10.0.0.90", "10.0.0.20", "10.0.0.30", true],
    ["10.0.0.40", "10.0.0.50", "10.0.0.20", "10.0.0.30", false],
    ["10.0.0.10", null, "10.0.0.20", "10.0.0.30", false],
    ["10.0.0.x", "10.0.0.20", "10.0.0.1", "10.0.0.30", false],
  ])("%s–%s and %s–%s: %s", (aStart, aEnd, bStart, bEnd, expected) => {
    expect(ipv4RangesOverlap({ start: aStart, end: aEnd }, { start: bStart, end: bEnd })).toBe(expected);
  });
});
