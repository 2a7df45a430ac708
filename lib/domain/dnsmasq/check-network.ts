import { ipv4ToInt, sameSubnet } from "@/lib/domain/net/ipv4";

// Rules that relate several network fields. Each field is already well-formed (lib/schemas/network.ts).
export type NetworkShape = {
  serverIp: string;
  dhcpMode: "full" | "proxy";
  dhcpRangeStart: string;
  dhcpRangeEnd: string;
  netmask: string;
  gateway: string | null;
  dnsEnabled: boolean;
  dnsServers: string[];
};

export type NetworkIssue = { path: keyof NetworkShape; message: string };

export const checkNetworkConsistency = (settings: NetworkShape): NetworkIssue[] => {
  const issues: NetworkIssue[] = [];
  const { serverIp, netmask } = settings;
  const inSubnet = (ip: string) => sameSubnet(ip, serverIp, netmask);
  // One bad server IP would put every other address "outside the subnet": when all of them agree with
  // each other and only the server differs, that is one error on the server IP, not one per field.
  const others = [settings.gateway, ...(settings.dhcpMode === "full" ? [settings.dhcpRangeStart, settings.dhcpRangeEnd] : [])].filter((ip): ip is string => !!ip);
  const [first] = others;
  if (others.length >= 2 && first && others.every((ip) => !inSubnet(ip) && sameSubnet(ip, first, netmask))) {
    return [{ path: "serverIp", message: `serverIp ${serverIp} is not in the subnet of the gateway and DHCP range (${first}/${netmask}): check the server IP or the netmask` }];
  }
  if (settings.gateway && !inSubnet(settings.gateway)) {
    issues.push({ path: "gateway", message: `gateway must be inside the server's subnet ${serverIp}/${netmask}` });
  }
  // Proxy mode hands out no addresses (the site's DHCP server does), so it needs no range.
  if (settings.dhcpMode === "proxy") return issues;
  for (const path of ["dhcpRangeStart", "dhcpRangeEnd"] as const) {
    const value = settings[path];
    if (value === "") issues.push({ path, message: `${path} is required in full DHCP mode` });
    else if (!inSubnet(value)) issues.push({ path, message: `${path} must be inside the server's subnet ${serverIp}/${netmask}` });
  }
  const start = ipv4ToInt(settings.dhcpRangeStart);
  const end = ipv4ToInt(settings.dhcpRangeEnd);
  if (start !== null && end !== null && start > end) {
    issues.push({ path: "dhcpRangeEnd", message: "dhcpRangeEnd must not be before dhcpRangeStart" });
  }
  const server = ipv4ToInt(serverIp);
  if (start !== null && end !== null && server !== null && server >= start && server <= end) {
    issues.push({ path: "dhcpRangeStart", message: "the DHCP range must not contain the server's own address" });
  }

  return issues;
};
