import { intToIpv4, ipv4ToInt, subnetOf } from "@/lib/domain/net/ipv4";

export type HostInterface = { name: string; address: string; netmask: string; prefixLength: number };

export type NetworkSuggestion = { interface: string; serverIp: string; netmask: string; dhcpRangeStart: string; dhcpRangeEnd: string; httpBaseUrl: string };

// Form values for serving PXE on one of the host's interfaces: ktizo's own address, and a DHCP
// range in the upper part of the subnet that leaves room below for static reservations and
// never includes the server (on a /24: .100–.199, as the defaults suggest). Null for subnets too
// small to hold a range (/30 and smaller).
export const suggestNetwork = ({ iface, port }: { iface: HostInterface; port: number }): NetworkSuggestion | null => {
  const subnet = subnetOf({ ip: iface.address, netmask: iface.netmask });
  const server = ipv4ToInt(iface.address);
  if (!subnet || server === null || subnet.prefixLength > 29) return null;
  const hosts = subnet.broadcast - subnet.network - 1;
  const first = subnet.network + (hosts >= 254 ? 100 : Math.ceil(hosts / 2));
  const last = Math.min(first + 99, subnet.broadcast - 1);
  // The server's own address splits the range: keep the larger side.
  const [start, end] = server < first || server > last ? [first, last] : server - first >= last - server ? [first, server - 1] : [server + 1, last];

  return {
    interface: iface.name,
    serverIp: iface.address,
    netmask: iface.netmask,
    dhcpRangeStart: intToIpv4(start),
    dhcpRangeEnd: intToIpv4(end),
    httpBaseUrl: `http://${iface.address}:${port}`,
  };
};

// Said after a save (not refused: the web process may run elsewhere than dnsmasq, e.g. in another
// container, and the admin may be preparing a host).
export const networkWarnings = ({ settings, interfaces }: { settings: { interface: string; serverIp: string }; interfaces: HostInterface[] }): string[] => {
  const named = interfaces.filter((candidate) => candidate.name === settings.interface);
  if (named.length === 0) return [`Interface ${settings.interface} does not exist on this host: dnsmasq will refuse to start on it.`];
  if (!named.some((candidate) => candidate.address === settings.serverIp)) {
    return [`Server IP ${settings.serverIp} is not an address of ${settings.interface} (${named.map((candidate) => `${candidate.address}/${candidate.prefixLength}`).join(", ")}): machines will not reach ktizo there.`];
  }

  return [];
};
