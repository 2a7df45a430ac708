import { ipv4ToInt, prefixLengthOf } from "@/lib/domain/boot/ipv4";

// Subnet helpers the dnsmasq model needs on top of lib/domain/boot/ipv4.ts.
export const intToIpv4 = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

// Network address of ip/netmask as an integer, or null when either is invalid.
export const networkOf = (ip: string, netmask: string): number | null => {
  const address = ipv4ToInt(ip);
  const bits = prefixLengthOf(netmask);
  if (address === null || bits === null) return null;
  const size = 2 ** (32 - bits);

  return Math.floor(address / size) * size;
};

export const sameSubnet = (a: string, b: string, netmask: string): boolean => {
  const first = networkOf(a, netmask);

  return first !== null && first === networkOf(b, netmask);
};
