import { isExhausted, ruleMatches } from "@/lib/domain/rules/match-rule";
import { listPendingRuleSubjects } from "@/lib/data/device-rows";
import { ruleGateBlock } from "@/lib/domain/rules/rule-gate";
import type { RuleDryRunJson } from "@/lib/schemas/rule";
import { getRuleOrThrow } from "./get-rule-or-throw";

// A pending queue is bounded by what a site can rack; past this the answer would be unreadable anyway.
const maxScanned = 10_000;

// Which pending devices the rule's criteria match now, without changing anything, and for each
// whether the gate would let the rule decide it: the device's last request must come from one of
// the rule's source subnets and, to approve, have passed the identity check (rule-gate.ts).
// `wouldAct` says whether the rule can act at all (enabled, not exhausted, approving with subnets).
export const dryRunRule = async (id: string): Promise<RuleDryRunJson> => {
  const rule = await getRuleOrThrow(id);
  const pending = await listPendingRuleSubjects(maxScanned);
  const gateRule = { action: rule.action, sourceSubnets: rule.sourceSubnets };
  const blockedReason = rule.action === "approve" && gateRule.sourceSubnets.length === 0 ? "the rule names no source subnets, so it approves nothing" : null;
  const matches = pending.filter((device) => ruleMatches(rule, device));

  return {
    ruleId: rule.id,
    wouldAct: rule.enabled && !isExhausted(rule) && blockedReason === null,
    remaining: rule.maxMatches === null ? null : Math.max(0, rule.maxMatches - rule.matchCount),
    blockedReason,
    matches: matches.map((device) => {
      const blockedBy = ruleGateBlock(gateRule, { sourceIp: device.lastSourceIp, identityStatus: device.identityStatus });

      return { ...device, firstSeenAt: device.firstSeenAt.toISOString(), wouldDecide: blockedBy === null, blockedBy };
    }),
  };
};
