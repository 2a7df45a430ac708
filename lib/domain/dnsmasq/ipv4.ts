// IPv4 arithmetic for network settings: dotted quads only (no shorthand, no leading zeros, which
// some parsers read as octal), netmasks contiguous.
const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const ipv4Pattern = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`);

export const isIpv4 = (value: string): boolean => ipv4Pattern.test(value);

export const ipv4ToInt = (value: string): number | null =>
  isIpv4(value) ? value.split(".").reduce((acc, part) => acc * 256 + Number(part), 0) : null;

export const intToIpv4 = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

// "255.255.255.0" → 24; null when the mask is not contiguous ones then zeros.
export const prefixLength = (netmask: string): number | null => {
  const mask = ipv4ToInt(netmask);
  if (mask === null) return null;
  const bits = mask.toString(2).padStart(32, "0");
  if (!/^1*0*$/.test(bits)) return null;

  return bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
};

// Network address of ip/netmask as an integer, or null when either is invalid.
export const networkOf = (ip: string, netmask: string): number | null => {
  const address = ipv4ToInt(ip);
  const bits = prefixLength(netmask);
  if (address === null || bits === null) return null;
  const size = 2 ** (32 - bits);

  return Math.floor(address / size) * size;
};

export const sameSubnet = (a: string, b: string, netmask: string): boolean => {
  const first = networkOf(a, netmask);

  return first !== null && first === networkOf(b, netmask);
};
