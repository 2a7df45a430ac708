import { macOf } from "./mac-of";
import { isIpv4 } from "@/lib/domain/net/ipv4";
import type { Binding } from "./parse-neighbours";

// dnsmasq's lease file (dhcp-leasefile): "<expiry epoch s> <mac> <ip> <hostname|*> <client-id|*>",
// expiry 0 for an infinite lease; DHCPv6 lines ("duid ...", IPv6 addresses) are skipped
// (dnsmasq src/lease.c lease_update_file). Expired leases bind nothing.
export const parseDnsmasqLeases = ({ text, now }: { text: string; now: Date }): Binding[] => {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const bindings: Binding[] = [];
  for (const line of text.split("\n")) {
    const [expiry, hw, ip] = line.trim().split(/\s+/);
    if (!expiry || !hw || !ip || !/^\d+$/.test(expiry) || !isIpv4(ip)) continue;
    const expiresAt = Number(expiry);
    if (expiresAt !== 0 && expiresAt <= nowSeconds) continue;
    const mac = macOf(hw);
    if (mac) bindings.push({ ip, mac });
  }

  return bindings;
};
