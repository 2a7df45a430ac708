import { describe, expect, it } from "vitest";
import { checkNetworkConsistency, type NetworkShape } from "@/lib/domain/dnsmasq/check-network";

const lab: NetworkShape = { serverIp: "10.0.0.2", dhcpMode: "full", dhcpRangeStart: "10.0.0.100", dhcpRangeEnd: "10.0.0.200", netmask: "255.255.255.0", gateway: "10.0.0.1", dnsEnabled: false, dnsServers: [] };

describe("checkNetworkConsistency", () => {
  it.each<[string, Partial<NetworkShape>, { path: string; message: RegExp }[]]>([
    ["a consistent lab", {}, []],
    // No cascade: the gateway and range agree with each other, so only the server IP is named.
    ["a server IP in another subnet: one error, on the server IP", { serverIp: "10.1.0.2" }, [{ path: "serverIp", message: /^serverIp 10\.1\.0\.2 is not in the subnet of the gateway and DHCP range/ }]],
    ["only the gateway outside", { gateway: "10.9.0.1" }, [{ path: "gateway", message: /gateway must be inside/ }]],
    ["a range end outside", { dhcpRangeEnd: "10.9.0.200" }, [{ path: "dhcpRangeEnd", message: /dhcpRangeEnd must be inside/ }]],
    ["proxy mode, only the gateway to agree with", { dhcpMode: "proxy", serverIp: "10.1.0.2" }, [{ path: "gateway", message: /gateway must be inside/ }]],
    ["the server inside the range", { serverIp: "10.0.0.150" }, [{ path: "dhcpRangeStart", message: /must not contain the server's own address/ }]],
  ])("%s", (_name, change, expected) => {
    const issues = checkNetworkConsistency({ ...lab, ...change });
    expect(issues.map((issue) => issue.path)).toEqual(expected.map((issue) => issue.path));
    issues.forEach((issue, index) => expect(issue.message).toMatch(expected[index]!.message));
  });
});
