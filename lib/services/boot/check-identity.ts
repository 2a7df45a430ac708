import { decideIdentity, type IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { countIdentityMismatch } from "@/lib/metrics/count";
import { identitySource } from "./identity-source";

type CheckIdentityOptions = { mac: string; sourceIp: string | null; dhcpMode: string; stage: "script" | "download" | "register" };

// Reads the neighbour table (and, in full-DHCP mode, the leases ktizo's dnsmasq handed out) and
// decides whether the request's source address is bound to this MAC. A mismatch is counted here,
// whatever the caller does with it.
export const checkIdentity = async ({ mac, sourceIp, dhcpMode, stage }: CheckIdentityOptions): Promise<IdentityVerdict> => {
  const source = identitySource();
  const [neighbours, leases] = await Promise.all([source.neighbours(), dhcpMode === "full" ? source.leases() : Promise.resolve([])]);
  const verdict = decideIdentity({ mac, sourceIp, neighbours, leases });
  if (verdict.status === "mismatch") countIdentityMismatch(stage);

  return verdict;
};
