import type { Tx } from "@/lib/data/db";
import { listAssignedIps, listHostnamesWithPrefix } from "@/lib/data/device-rows";
import { findNetworkSettings } from "@/lib/data/network-settings";
import { nextHostname, patternPrefix } from "@/lib/domain/rules/hostname-pattern";
import { nextFreeIp } from "@/lib/domain/rules/ip-pool";

type PickOptions = {
  tx: Tx;
  mac: string;
  hostnamePattern: string | null;
  pool: { start: string; end: string } | null;
  // Names/addresses that lost a unique-index race in this transaction and must not be tried again.
  avoid: { hostnames: string[]; ips: string[] };
};

export type PickedAssignment = { hostname?: string; ipAddress?: string } | null;

// The next free hostname for the pattern and the next free address of the pool, read inside the
// caller's transaction. null when the pattern's names or the pool are used up.
export const pickRuleAssignment = async ({ tx, mac, hostnamePattern, pool, avoid }: PickOptions): Promise<PickedAssignment> => {
  const picked: { hostname?: string; ipAddress?: string } = {};
  if (hostnamePattern) {
    const names = await listHostnamesWithPrefix({ prefix: patternPrefix(hostnamePattern), tx });
    const taken = [...names, ...avoid.hostnames];
    const hostname = nextHostname({ pattern: hostnamePattern, mac, taken });
    if (!hostname) return null;
    picked.hostname = hostname;
  }
  if (pool) {
    const [ips, settings] = await Promise.all([listAssignedIps(tx), findNetworkSettings(tx)]);
    const network = settings?.input;
    // ktizo's own address and the gateway are never handed to a machine.
    const reserved = [network?.serverIp, network?.gateway].filter((ip): ip is string => !!ip);
    const taken = [...ips, ...reserved, ...avoid.ips];
    const ipAddress = nextFreeIp({ start: pool.start, end: pool.end, taken });
    if (!ipAddress) return null;
    picked.ipAddress = ipAddress;
  }

  return picked;
};
