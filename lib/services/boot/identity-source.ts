import { readFile } from "node:fs/promises";
import { execa } from "execa";
import { parseDnsmasqLeases } from "@/lib/domain/identity/parse-leases";
import { parseIpNeigh, parseProcNetArp, type Binding } from "@/lib/domain/identity/parse-neighbours";
import { paths } from "@/lib/paths";
import { cachedRead } from "./cached-read";

// How old a copy of a table the caller accepts (cached-read.ts). A source that keeps no copy
// (a test's fixed table) reads afresh every time and may ignore it.
export type TableRead = { maxAgeMs?: number };

// Where the web process learns which MAC owns an address: the kernel's neighbour table of the
// network namespace it runs in, and dnsmasq's lease file (full-DHCP mode). An interface so a test
// can serve the real route handlers inside a namespace (tests/net/serve-routes.ts) and still read
// that namespace's own table, or swap in a fixed table for handler-level tests.
export interface IdentitySource {
  neighbours(read?: TableRead): Promise<Binding[]>;
  leases(read?: TableRead): Promise<Binding[]>;
}

const readOrNull = (file: string): Promise<string | null> => readFile(file, "utf8").catch(() => null);

// /proc/net/arp is per network namespace; `ip -4 neigh` is the fallback where /proc is not mounted.
const readNeighbours = async (): Promise<Binding[]> => {
  const arp = await readOrNull("/proc/net/arp");
  if (arp !== null) return parseProcNetArp(arp);
  const result = await execa("ip", ["-4", "neigh", "show"], { reject: false, timeout: 2_000 });

  return result.exitCode === 0 ? parseIpNeigh(String(result.stdout)) : [];
};

// A missing lease file (dnsmasq never ran, proxy mode) binds nothing.
const readLeases = async (): Promise<Binding[]> => {
  const text = await readOrNull(paths().leaseFile);

  return text === null ? [] : parseDnsmasqLeases({ text, now: new Date() });
};

// Each table is read and parsed at most once per the caller's maxAgeMs, shared by concurrent
// requests (checkIdentity decides how old a copy may be, docs/security.md). Without maxAgeMs:
// a fresh read.
const neighbourCopy = cachedRead(readNeighbours);
const leaseCopy = cachedRead(readLeases);

export const systemIdentitySource: IdentitySource = {
  neighbours: (read) => neighbourCopy(read?.maxAgeMs ?? 0),
  leases: (read) => leaseCopy(read?.maxAgeMs ?? 0),
};

const globalForIdentity = globalThis as unknown as { ktizoIdentitySource?: IdentitySource };

export const identitySource = (): IdentitySource => globalForIdentity.ktizoIdentitySource ?? systemIdentitySource;

// Tests only: replace the source for this process (null restores the system one).
export const setIdentitySource = (source: IdentitySource | null): void => {
  globalForIdentity.ktizoIdentitySource = source ?? undefined;
};
