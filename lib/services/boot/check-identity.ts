import { decideIdentity, type IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { countIdentityMismatch } from "@/lib/metrics/count";
import { identitySource } from "./identity-source";

type CheckIdentityOptions = { mac: string; sourceIp: string | null; dhcpMode: string; stage: "script" | "download" | "register" };

// A boot storm asks thousands of times a second: the tables are read at most once a second and
// shared (identity-source.ts). A verdict other than "bound" is decided again on a copy at most
// 100 ms old, so a machine whose neighbour entry or lease just appeared is not refused, and a
// mismatch is never decided on a copy older than that. What the window means for an intruder:
// docs/security.md ("How fresh the identity tables are").
export const sharedTableMs = 1_000;
export const recheckTableMs = 100;

// Reads the neighbour table (and, in full-DHCP mode, the leases ktizo's dnsmasq handed out) and
// decides whether the request's source address is bound to this MAC. A mismatch is counted here,
// whatever the caller does with it.
export const checkIdentity = async ({ mac, sourceIp, dhcpMode, stage }: CheckIdentityOptions): Promise<IdentityVerdict> => {
  const source = identitySource();
  const decide = async (maxAgeMs: number): Promise<IdentityVerdict> => {
    const read = { maxAgeMs };
    const [neighbours, leases] = await Promise.all([source.neighbours(read), dhcpMode === "full" ? source.leases(read) : Promise.resolve([])]);

    return decideIdentity({ mac, sourceIp, neighbours, leases });
  };
  let verdict = await decide(sharedTableMs);
  if (verdict.status !== "bound") verdict = await decide(recheckTableMs);
  if (verdict.status === "mismatch") countIdentityMismatch(stage);

  return verdict;
};
