import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/domain/errors";
import { assertAssignable, type AssignmentFacts } from "./assignment";

const network: AssignmentFacts["network"] = {
  serverIp: "10.42.0.1",
  netmask: "255.255.255.0",
  gateway: "10.42.0.254",
  dhcpMode: "full",
  dhcpRangeStart: "10.42.0.100",
  dhcpRangeEnd: "10.42.0.199",
};
const facts = (over: Partial<AssignmentFacts>): AssignmentFacts => ({ hostname: null, ipAddress: null, network, hostnameHolder: null, ipHolder: null, ...over });
const refusal = (over: Partial<AssignmentFacts>) => {
  try {
    assertAssignable(facts(over));
  } catch (error) {
    if (!isAppError(error)) throw error;

    return { code: error.code, message: error.message, fields: error.issues?.map((issue) => issue.path) ?? [] };
  }

  return null;
};

describe("assertAssignable", () => {
  it.each([
    ["no hostname and no IP", {}],
    ["a free hostname", { hostname: "node-1" }],
    ["a free IP outside the DHCP range", { ipAddress: "10.42.0.20" }],
    ["an IP inside the range when ktizo is only a proxy", { ipAddress: "10.42.0.150", network: { ...network!, dhcpMode: "proxy" as const } }],
    ["a held IP that is not asked for", { ipHolder: { mac: "52:54:00:00:00:01", hostname: null } }],
  ])("accepts %s", (_name, over) => {
    expect(refusal(over)).toBeNull();
  });

  it.each([
    ["a hostname an admin gave another device", { hostname: "node-1", hostnameHolder: { mac: "52:54:00:00:00:01", hostname: "node-1" } }, "conflict", "hostname node-1 is already used by device 52:54:00:00:00:01", []],
    ["an IP with no network settings", { ipAddress: "10.42.0.20", network: null }, "validation_failed", "save the network settings before assigning a static IP", ["ipAddress"]],
    ["an IP outside the subnet", { ipAddress: "10.43.0.20" }, "validation_failed", "IP 10.43.0.20 is not a host address in the network 10.42.0.1/24", ["ipAddress"]],
    ["the subnet's broadcast address", { ipAddress: "10.42.0.255" }, "validation_failed", "IP 10.42.0.255 is not a host address in the network 10.42.0.1/24", ["ipAddress"]],
    ["ktizo's own address", { ipAddress: "10.42.0.1" }, "conflict", "IP 10.42.0.1 is ktizo's server address or the gateway", ["ipAddress"]],
    ["the gateway", { ipAddress: "10.42.0.254" }, "conflict", "IP 10.42.0.254 is ktizo's server address or the gateway", ["ipAddress"]],
    ["an IP dnsmasq hands out", { ipAddress: "10.42.0.150" }, "validation_failed", expect.stringContaining("inside the DHCP range 10.42.0.100–10.42.0.199"), ["ipAddress"]],
    ["an IP another device holds", { ipAddress: "10.42.0.20", ipHolder: { mac: "52:54:00:00:00:02", hostname: "db-1" } }, "conflict", "IP 10.42.0.20 is already assigned to device db-1 (52:54:00:00:00:02)", []],
  ])("refuses %s", (_name, over, code, message, fields) => {
    expect(refusal(over as Partial<AssignmentFacts>)).toEqual({ code, message, fields });
  });

  it("names the hostname conflict first when both are taken", () => {
    const both = { hostname: "node-1", ipAddress: "10.42.0.20", hostnameHolder: { mac: "a", hostname: "node-1" }, ipHolder: { mac: "b", hostname: null } };
    expect(refusal(both)?.message).toMatch(/^hostname node-1/);
  });
});
