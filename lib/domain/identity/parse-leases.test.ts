import { describe, expect, it } from "vitest";
import { parseDnsmasqLeases } from "./parse-leases";

const now = new Date(1_800_000_000_000);

describe("parseDnsmasqLeases", () => {
  it.each([
    ["a live lease", "1800000600 52:54:00:AA:00:01 10.5.5.10 node1 01:52:54:00:aa:00:01", [{ ip: "10.5.5.10", mac: "52:54:00:aa:00:01" }]],
    ["an infinite lease", "0 52:54:00:aa:00:02 10.5.5.11 * *", [{ ip: "10.5.5.11", mac: "52:54:00:aa:00:02" }]],
    ["an expired lease", "1799999999 52:54:00:aa:00:03 10.5.5.12 * *", []],
    ["a lease expiring this second", "1800000000 52:54:00:aa:00:04 10.5.5.13 * *", []],
    ["a DHCPv6 duid line and lease", "duid 00:01:00:01:2c:00\n1800000600 1234 fd00::5 * 00:01", []],
    ["a bad MAC", "1800000600 zz:00 10.5.5.14 * *", []],
    ["an empty file", "", []],
    ["two leases", "0 02:00:00:00:00:01 10.0.0.1 * *\n0 02:00:00:00:00:02 10.0.0.2 * *\n", [{ ip: "10.0.0.1", mac: "02:00:00:00:00:01" }, { ip: "10.0.0.2", mac: "02:00:00:00:00:02" }]],
  ])("%s", (_name, text, expected) => {
    expect(parseDnsmasqLeases({ text, now })).toEqual(expected);
  });
});
