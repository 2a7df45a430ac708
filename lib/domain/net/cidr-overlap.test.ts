import { describe, expect, it } from "vitest";
import { cidrRange, cidrsOverlap } from "./cidr";

describe("cidrsOverlap", () => {
  it.each([
    ["Talos defaults do not overlap", "10.244.0.0/16", "10.96.0.0/12", false],
    ["the same subnet", "10.96.0.0/12", "10.96.0.0/12", true],
    ["one inside the other", "10.0.0.0/8", "10.96.0.0/12", true],
    ["adjacent /24s", "192.168.1.0/24", "192.168.2.0/24", false],
    ["a /12 covers 10.96-10.111", "10.96.0.0/12", "10.111.255.0/24", true],
    ["just past the /12", "10.96.0.0/12", "10.112.0.0/24", false],
    ["host bits set still mean the network", "10.96.5.7/12", "10.100.0.0/16", true],
    ["IPv6 inside", "fd00::/8", "fd12:3456::/32", true],
    ["IPv6 apart", "fd00:10::/64", "fd00:20::/64", false],
    ["IPv6 with embedded IPv4", "::ffff:10.0.0.0/104", "::ffff:10.1.0.0/112", true],
    ["families never overlap", "10.0.0.0/8", "fd00::/8", false],
    ["a bad value never overlaps", "10.0.0.0/33", "10.0.0.0/8", false],
  ])("%s", (_name, a, b, expected) => {
    expect(cidrsOverlap(a, b)).toBe(expected);
    expect(cidrsOverlap(b, a)).toBe(expected);
  });

  it("gives the first and last address", () => {
    expect(cidrRange("10.96.0.0/12")).toEqual({ family: 4, first: 0x0a600000n, last: 0x0a6fffffn });
    expect(cidrRange("fd00::/126")).toEqual({ family: 6, first: 0xfd00n << 112n, last: (0xfd00n << 112n) + 3n });
  });
});
