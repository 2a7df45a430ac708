import { ipInAnyCidr } from "@/lib/domain/net/cidr";

// What a rule needs beyond the machine's own claims (mac, uuid, serial, arch are all chosen by
// whoever sends the request). docs/security.md: a rule can never open the gate on its own.
export type GateRule = { action: string; sourceSubnets: readonly string[] };

export type GateSubject = {
  sourceIp: string | null;
  // The identity check of the registering request (lib/domain/identity/decide-identity.ts).
  identityStatus: string | null;
};

// null when the rule may act on the subject, otherwise why not (shown by the dry-run). A rule that
// names subnets acts only on requests from them; an approving rule needs subnets and a request
// whose source address was verified as bound to its MAC. A reject rule needs neither: refusing
// a machine opens nothing.
export const ruleGateBlock = (rule: GateRule, subject: GateSubject): string | null => {
  const approve = rule.action === "approve";
  if (approve && rule.sourceSubnets.length === 0) return "the rule names no source subnets, so it approves nothing";
  if (rule.sourceSubnets.length > 0 && !ipInAnyCidr(subject.sourceIp, rule.sourceSubnets)) {
    return `source ${subject.sourceIp ?? "(unknown)"} is not in the rule's subnets ${rule.sourceSubnets.join(", ")}`;
  }
  if (approve && subject.identityStatus !== "bound") {
    return `the request's source address was not verified as bound to the MAC (identity ${subject.identityStatus ?? "not checked"})`;
  }

  return null;
};

// The stored Json column as a list of CIDR texts; anything else reads as no subnets.
export const subnetsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
