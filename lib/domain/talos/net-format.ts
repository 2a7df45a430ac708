import { isIP } from "node:net";

export const isDnsName = (value: string): boolean =>
  value.length > 0 && value.length <= 253 && value.split(".").every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));

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
