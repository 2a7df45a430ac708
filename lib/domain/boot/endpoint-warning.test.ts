import { describe, expect, it } from "vitest";
import { endpointWarning } from "@/lib/domain/boot/endpoint-warning";
import { isHostInSubnet, prefixLengthOf, subnetOf } from "@/lib/domain/net/ipv4";

const subnet = subnetOf({ ip: "10.20.30.2", netmask: "255.255.255.0" });

describe("ipv4 helpers", () => {
  it.each([
    ["255.255.255.0", 24],
    ["255.255.0.0", 16],
    ["255.255.255.255", 32],
    ["0.0.0.0", 0],
    ["255.0.255.0", null],
    ["nope", null],
  ])("prefixLengthOf(%s) = %s", (mask, expected) => {
    expect(prefixLengthOf(mask)).toBe(expected);
  });

  it.each([
    ["10.20.30.5", true],
    ["10.20.30.0", false],
    ["10.20.30.255", false],
    ["10.20.31.5", false],
    ["10.20.30.256", false],
  ])("isHostInSubnet(%s) = %s", (ip, expected) => {
    expect(isHostInSubnet(ip, subnet!)).toBe(expected);
  });
});

describe("endpointWarning", () => {
  it.each([
    ["no endpoint", null, [], false],
    ["a DNS name", "https://k8s.example.com:6443", [], false],
    ["an IP outside the subnet", "https://192.168.1.10:6443", [], false],
    ["an IP in the subnet that nobody holds", "https://10.20.30.10:6443", ["10.20.30.11"], true],
    ["an IP held by an approved control plane", "https://10.20.30.10:6443", ["10.20.30.10"], false],
    ["garbage", "::::", [], false],
  ] as const)("%s", (_name, endpoint, controlPlaneIps, warns) => {
    const warning = endpointWarning({ endpoint, subnet, controlPlaneIps });
    expect(warning !== null).toBe(warns);
    if (warning) expect(warning).toContain("10.20.30.10");
  });

  it("stays quiet without network settings", () => {
    expect(endpointWarning({ endpoint: "https://10.20.30.10:6443", subnet: null, controlPlaneIps: [] })).toBeNull();
  });
});
