import { intToIpv4, ipv4ToInt, isIpv4 } from "@/lib/domain/net/ipv4";

// IPv4 pools for auto-approved devices: the next address in [start, end] that nobody holds.

// A pool larger than this is a typo (a /16 for a rack), and scanning it on every registration
// would cost real time.
export const maxPoolSize = 65_536;

// Only called on addresses checkPool accepted.
const ipToNumber = (ip: string): number => ipv4ToInt(ip) ?? Number.NaN;

export type PoolCheck = { ok: true; size: number } | { ok: false; reason: string };

export const checkPool = (start: string, end: string): PoolCheck => {
  if (!isIpv4(start) || !isIpv4(end)) return { ok: false, reason: "pool bounds must be IPv4 addresses" };
  const size = ipToNumber(end) - ipToNumber(start) + 1;
  if (size < 1) return { ok: false, reason: "pool start must not be after its end" };
  if (size > maxPoolSize) return { ok: false, reason: `pool may hold at most ${maxPoolSize} addresses` };

  return { ok: true, size };
};

type NextFreeIpOptions = { start: string; end: string; taken: Iterable<string> };

// Addresses ending in .0 or .255 are skipped: in the /24 networks racks use they are the network
// and broadcast addresses, and a pool that spans them is almost always a mistake.
export const nextFreeIp = ({ start, end, taken }: NextFreeIpOptions): string | null => {
  if (!checkPool(start, end).ok) return null;
  const takenSet = new Set(taken);
  for (let value = ipToNumber(start); value <= ipToNumber(end); value += 1) {
    const last = value % 256;
    if (last === 0 || last === 255) continue;
    const ip = intToIpv4(value);
    if (!takenSet.has(ip)) return ip;
  }

  return null;
};
