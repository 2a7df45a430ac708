import { macOf } from "./mac-of";
import { isIpv4 } from "@/lib/domain/net/ipv4";

// One address-to-MAC binding seen by this host: a kernel neighbour entry or a DHCP lease.
export type Binding = { ip: string; mac: string };

// ATF_COM (include/uapi/linux/if_arp.h): the entry holds a resolved hardware address. Incomplete
// entries (flags 0x0, MAC 00:00:00:00:00:00) say nothing about who owns the address.
const atfCom = 0x2;

// /proc/net/arp, the kernel's IPv4 neighbour table for this network namespace:
// "IP address  HW type  Flags  HW address  Mask  Device", one entry a line after the header
// (https://www.kernel.org/doc/html/latest/networking/proc_net_arp.html is not published; the
// format is net/ipv4/arp.c arp_format_neigh_entry). Lines that do not parse are skipped.
export const parseProcNetArp = (text: string): Binding[] => {
  const bindings: Binding[] = [];
  for (const line of text.split("\n").slice(1)) {
    const [ip, , flags, hw] = line.trim().split(/\s+/);
    if (!ip || !flags || !hw || !isIpv4(ip)) continue;
    const flagBits = Number.parseInt(flags, 16);
    if (!Number.isFinite(flagBits) || (flagBits & atfCom) === 0) continue;
    const mac = macOf(hw);
    if (!mac || mac === "00:00:00:00:00:00") continue;
    bindings.push({ ip, mac });
  }

  return bindings;
};

// `ip -4 neigh show` output ("10.0.0.5 dev eth0 lladdr 52:54:00:aa:bb:cc REACHABLE"), for hosts
// where /proc/net/arp is not readable. FAILED and INCOMPLETE entries carry no lladdr and are skipped.
export const parseIpNeigh = (text: string): Binding[] => {
  const bindings: Binding[] = [];
  for (const line of text.split("\n")) {
    const match = /^(\S+)\s.*\blladdr\s+(\S+)/.exec(line.trim());
    if (!match || !isIpv4(match[1]!) || /\b(FAILED|INCOMPLETE)\b/.test(line)) continue;
    const mac = macOf(match[2]!);
    if (mac && mac !== "00:00:00:00:00:00") bindings.push({ ip: match[1]!, mac });
  }

  return bindings;
};
