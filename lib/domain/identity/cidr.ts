import { intToIpv4, ipv4ToInt } from "@/lib/domain/boot/ipv4";

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
