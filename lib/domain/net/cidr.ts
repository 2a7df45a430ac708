import { isIP } from "node:net";
import { intToIpv4, ipv4ToInt } from "./ipv4";

// The one CIDR module (with ./ipv4.ts for addresses and subnets): rule source subnets, cluster pod and
// service subnets, Talos network addresses and trusted proxies all parse and compare blocks here.

// IPv4 CIDR blocks for rule source subnets ("10.0.0.0/24"). The host part must be zero, so what an
// admin wrote is exactly the block that is matched.
export type Cidr = { network: number; prefixLength: number };

export type CidrParse = { ok: true; cidr: Cidr; text: string } | { ok: false; reason: string };

export const parseCidr = (value: string): CidrParse => {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value.trim());
  if (!match) return { ok: false, reason: `${value} is not a CIDR like 10.0.0.0/24` };
  const address = ipv4ToInt(match[1]!);
  const prefixLength = Number(match[2]);
  if (address === null || prefixLength > 32) return { ok: false, reason: `${value} is not a CIDR like 10.0.0.0/24` };
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return { ok: false, reason: `${value} has host bits set: did you mean ${intToIpv4(address - (address % size))}/${prefixLength}?` };

  return { ok: true, cidr: { network: address, prefixLength }, text: `${match[1]}/${prefixLength}` };
};

export const ipInCidr = (ip: string, cidr: Cidr): boolean => {
  const address = ipv4ToInt(ip);
  if (address === null) return false;
  const size = 2 ** (32 - cidr.prefixLength);

  return address >= cidr.network && address < cidr.network + size;
};

// True when the address lies in any of the CIDR texts (unparsable entries match nothing).
export const ipInAnyCidr = (ip: string | null, cidrs: readonly string[]): boolean => {
  if (!ip) return false;

  return cidrs.some((text) => {
    const parsed = parseCidr(text);

    return parsed.ok && ipInCidr(ip, parsed.cidr);
  });
};

export const isIpOrCidr = (value: string): boolean => {
  const [ip, prefix, ...rest] = value.split("/");
  if (rest.length > 0 || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  if (prefix === undefined) return true;

  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

type CidrRange = { family: 4 | 6; first: bigint; last: bigint };

const ipv4Bits = (ip: string): bigint => ip.split(".").reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);

const ipv6Bits = (ip: string): bigint => {
  const [head = "", tail] = ip.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const expand = (parts: string[]) =>
    parts.flatMap((group) => (group.includes(".") ? [(ipv4Bits(group) >> 16n).toString(16), (ipv4Bits(group) & 0xffffn).toString(16)] : [group]));
  const left = expand(groups(head));
  const right = tail === undefined ? [] : expand(groups(tail));
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];

  return all.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
};

// The first and last address of a CIDR (IPv4 or IPv6); null for anything isIpOrCidr refuses.
export const cidrRange = (value: string): CidrRange | null => {
  if (!isIpOrCidr(value)) return null;
  const [ip = "", prefixText] = value.split("/");
  const family = isIP(ip) === 4 ? 4 : 6;
  const width = family === 4 ? 32n : 128n;
  const prefix = BigInt(prefixText ?? width);
  const bits = family === 4 ? ipv4Bits(ip) : ipv6Bits(ip);
  const hostBits = width - prefix;
  const first = (bits >> hostBits) << hostBits;

  return { family, first, last: first + (1n << hostBits) - 1n };
};

// True when two CIDRs share any address (different families never do).
export const cidrsOverlap = (a: string, b: string): boolean => {
  const left = cidrRange(a);
  const right = cidrRange(b);
  if (!left || !right || left.family !== right.family) return false;

  return left.first <= right.last && right.first <= left.last;
};

// A trusted-proxy entry: an IPv4 or IPv6 address, optionally with a prefix ("10.0.0.0/8", "::1").
// The host part may be set (the block is what the prefix covers). null for anything else.
export type AddressBlock = { ip: string; prefix: number; family: "ipv4" | "ipv6" };

export const parseAddressBlock = (entry: string, normalize: (value: string) => string | null): AddressBlock | null => {
  const [address = "", prefixText, ...rest] = entry.split("/");
  const ip = normalize(address);
  const family = ip ? isIP(ip) : 0;
  const max = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (!ip || rest.length > 0 || prefix < 0 || prefix > max) return null;

  return { ip, prefix, family: family === 6 ? "ipv6" : "ipv4" };
};
