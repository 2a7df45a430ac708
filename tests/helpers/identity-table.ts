import { parseProcNetArp } from "@/lib/domain/identity/parse-neighbours";
import { parseDnsmasqLeases } from "@/lib/domain/identity/parse-leases";
import { setIdentitySource, type IdentitySource } from "@/lib/services/boot";

// A stand-in for the kernel's neighbour table and dnsmasq's lease file, for handler-level tests
// whose "machines" are only addresses in X-Forwarded-For: no frames ever reach this host, so the
// real /proc/net/arp cannot hold them. The table is rendered in the real file formats and read
// back through the real parsers. Network tests (tests/net/identity-*.test.ts) use the real ones.
export type IdentityTable = {
  neighbour: (ip: string, mac: string) => void;
  lease: (ip: string, mac: string) => void;
  clear: () => void;
  install: () => void;
  uninstall: () => void;
};

export const identityTable = (): IdentityTable => {
  const neighbours = new Map<string, string>();
  const leases = new Map<string, string>();
  const arpText = () =>
    ["IP address       HW type     Flags       HW address            Mask     Device", ...[...neighbours].map(([ip, mac]) => `${ip} 0x1 0x2 ${mac} * lan0`)].join("\n");
  const leaseText = () => [...leases].map(([ip, mac]) => `0 ${mac} ${ip} * *`).join("\n");
  const source: IdentitySource = {
    neighbours: async () => parseProcNetArp(arpText()),
    leases: async () => parseDnsmasqLeases({ text: leaseText(), now: new Date() }),
  };

  return {
    neighbour: (ip, mac) => void neighbours.set(ip, mac),
    lease: (ip, mac) => void leases.set(ip, mac),
    clear: () => {
      neighbours.clear();
      leases.clear();
    },
    install: () => setIdentitySource(source),
    uninstall: () => setIdentitySource(null),
  };
};
