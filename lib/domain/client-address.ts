import { BlockList, isIP } from "node:net";
import { parseAddressBlock } from "@/lib/domain/net/cidr";

// Who the client is, when a reverse proxy may stand in front of ktizo. X-Forwarded-For is a list
// every hop appends to, so only the entries added by proxies we trust mean anything: walk it from
// the right, skip trusted proxies, and the first address left is the client. A client talking to
// ktizo directly is its socket address, whatever headers it sends.
// https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For#selecting_an_ip_address

export type TrustedProxies = { list: BlockList; cidrs: string[] };

// "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1.
export const normalizeAddress = (value: string): string | null => {
  const trimmed = value.trim().replace(/^\[(.*)\]$/, "$1");
  const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.test(trimmed) ? trimmed.slice(7) : trimmed;

  return isIP(plain) ? plain.toLowerCase() : null;
};

// "10.0.0.0/8, 192.168.1.5, ::1" → a matcher; a bad entry is reported by its text.
export const parseTrustedProxies = (text: string): { ok: true; value: TrustedProxies } | { ok: false; entry: string } => {
  const list = new BlockList();
  const cidrs: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const block = parseAddressBlock(entry, normalizeAddress);
    if (!block) return { ok: false, entry };
    list.addSubnet(block.ip, block.prefix, block.family);
    cidrs.push(`${block.ip}/${block.prefix}`);
  }

  return { ok: true, value: { list, cidrs } };
};

export const isTrustedProxy = (address: string, trusted: TrustedProxies): boolean => {
  const ip = normalizeAddress(address);

  return ip !== null && trusted.list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
};

export type ClientAddressOptions = { peer: string | undefined; forwardedFor: string | string[] | undefined; trusted: TrustedProxies };

export const clientAddressOf = ({ peer, forwardedFor, trusted }: ClientAddressOptions): string => {
  const socket = normalizeAddress(peer ?? "") ?? "";
  if (!socket || !isTrustedProxy(socket, trusted)) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const ip = normalizeAddress(entries[index]!);
    // Garbage in a trusted proxy's header ends the walk: what lies left of it cannot be trusted.
    if (!ip) return socket;
    if (!isTrustedProxy(ip, trusted)) return ip;
  }

  // Every hop is a trusted proxy: the left-most one is the closest thing to a client.
  return normalizeAddress(entries[0] ?? "") ?? socket;
};
