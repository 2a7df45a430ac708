import type { Tx } from "@/lib/db/client";
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
    const rows = await tx.device.findMany({
      where: { hostname: { startsWith: patternPrefix(hostnamePattern) } },
      select: { hostname: true },
    });
    const taken = [...rows.map((row) => row.hostname ?? ""), ...avoid.hostnames];
    const hostname = nextHostname({ pattern: hostnamePattern, mac, taken });
    if (!hostname) return null;
    picked.hostname = hostname;
  }
  if (pool) {
    const [rows, network] = await Promise.all([
      tx.device.findMany({ where: { ipAddress: { not: null } }, select: { ipAddress: true } }),
      tx.networkSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { serverIp: true, gateway: true } }),
    ]);
    // ktizo's own address and the gateway are never handed to a machine.
    const reserved = [network?.serverIp, network?.gateway].filter((ip): ip is string => !!ip);
    const taken = [...rows.map((row) => row.ipAddress ?? ""), ...reserved, ...avoid.ips];
    const ipAddress = nextFreeIp({ start: pool.start, end: pool.end, taken });
    if (!ipAddress) return null;
    picked.ipAddress = ipAddress;
  }

  return picked;
};
