// The one IPv4 module of ktizo (CIDR blocks: ./cidr.ts): parsing, integer arithmetic and subnets, used by the boot decisions
// and endpoint warning, approval checks, rule IP pools (lib/domain/rules/ip-pool.ts), rule source subnets
// (./cidr.ts), the dnsmasq model and the schemas. Addresses are plain numbers
// 0 … 2^32-1 (no bit operators: JavaScript's are signed 32-bit).
const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const ipv4Pattern = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`);

export const isIpv4 = (value: string): boolean => ipv4Pattern.test(value);

export const ipv4ToInt = (value: string): number | null => {
  if (!isIpv4(value)) return null;

  return value.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
};

export const intToIpv4 = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

// "255.255.255.0" → 24; null for a non-contiguous mask.
export const prefixLengthOf = (netmask: string): number | null => {
  const mask = ipv4ToInt(netmask);
  if (mask === null) return null;
  const bits = mask.toString(2).padStart(32, "0");

  return /^1*0*$/.test(bits) ? bits.indexOf("0") === -1 ? 32 : bits.indexOf("0") : null;
};

export type Subnet = { network: number; prefixLength: number; broadcast: number };

export const subnetOf = ({ ip, netmask }: { ip: string; netmask: string }): Subnet | null => {
  const address = ipv4ToInt(ip);
  const prefixLength = prefixLengthOf(netmask);
  if (address === null || prefixLength === null) return null;
  const size = 2 ** (32 - prefixLength);
  const network = Math.floor(address / size) * size;

  return { network, prefixLength, broadcast: network + size - 1 };
};

export const inSubnet = (ip: string, subnet: Subnet): boolean => {
  const address = ipv4ToInt(ip);

  return address !== null && address >= subnet.network && address <= subnet.broadcast;
};

// A usable host address: inside the subnet, and neither its network nor broadcast address
// (a /31 or /32 has no such reserved addresses).
export const isHostInSubnet = (ip: string, subnet: Subnet): boolean => {
  const address = ipv4ToInt(ip);
  if (address === null || !inSubnet(ip, subnet)) return false;
  if (subnet.prefixLength >= 31) return true;

  return address !== subnet.network && address !== subnet.broadcast;
};

// Network address of ip/netmask as an integer, or null when either is invalid.
export const networkOf = (ip: string, netmask: string): number | null => subnetOf({ ip, netmask })?.network ?? null;

export const sameSubnet = (a: string, b: string, netmask: string): boolean => {
  const first = networkOf(a, netmask);

  return first !== null && first === networkOf(b, netmask);
};

// True when `ip` lies in the inclusive range start–end (false when any of them is not IPv4).
export const ipv4InRange = (ip: string, start: string | null, end: string | null): boolean => {
  const [value, first, last] = [ipv4ToInt(ip), start ? ipv4ToInt(start) : null, end ? ipv4ToInt(end) : null];

  return value !== null && first !== null && last !== null && value >= first && value <= last;
};

type Ipv4Range = { start: string | null | undefined; end: string | null | undefined };

// True when two inclusive ranges share an address (false when any bound is missing or not IPv4).
export const ipv4RangesOverlap = (a: Ipv4Range, b: Ipv4Range): boolean => {
  const [aStart, aEnd, bStart, bEnd] = [a.start, a.end, b.start, b.end].map((ip) => (ip ? ipv4ToInt(ip) : null));

  return aStart != null && aEnd != null && bStart != null && bEnd != null && aStart <= bEnd && bStart <= aEnd;
};
