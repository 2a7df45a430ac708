import type { IdentityVerdict, MintPolicy } from "@/lib/domain/identity/decide-identity";
import type { BootDecision } from "./decide-boot";

// What a boot script tells a device once the identity check had its say, and the key recorded
// in Device.lastToldKey: an event is written only when the key changes (docs/flood-bounds.md).
// The key never holds the source address or the verdict's wording (both name addresses), only
// the outcome, so requests from many addresses for one MAC cannot make every request a change.
export type Told = {
  script: BootDecision["script"];
  reason: string;
  wipe: boolean;
  logServed: boolean;
  key: string;
  // The answer depends on who asked (refused or minted for this address only), not only on the
  // device's state: a change into or out of such an answer is recorded within the event bounds.
  byIdentity: boolean;
};

type ToldOptions = { decision: BootDecision; policy: MintPolicy | null; verdict: IdentityVerdict | null };

const keyOf = (script: string, wipe: boolean, reason: string): string => `${script}:${wipe ? "wipe:" : ""}${reason}`;

export const toldOf = ({ decision, policy, verdict }: ToldOptions): Told => {
  const { script, reason, wipe, logServed } = decision;
  if (policy?.kind === "refuse") {
    const outcome = `identity ${verdict?.status ?? "unverifiable"}`;

    return { script: "not-ready", reason: policy.reason, wipe: false, logServed, key: keyOf("not-ready", false, outcome), byIdentity: true };
  }
  if (policy?.kind === "mint-ip") return { script, reason, wipe, logServed, key: `${keyOf(script, wipe, reason)}:ip-only`, byIdentity: true };

  return { script, reason, wipe, logServed, key: keyOf(script, wipe, reason), byIdentity: false };
};

// True for a key written by an identity-dependent answer (see Told.byIdentity).
export const isIdentityKey = (key: string | null): boolean => key !== null && (key.startsWith("not-ready:identity ") || key.endsWith(":ip-only"));
