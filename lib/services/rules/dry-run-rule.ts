import { isExhausted, ruleMatches } from "@/lib/domain/rules/match-rule";
import { prisma } from "@/lib/db/client";
import type { RuleDryRunJson } from "@/lib/schemas/rule";
import { getRuleOrThrow } from "./get-rule-or-throw";

// A pending queue is bounded by what a site can rack; past this the answer would be unreadable anyway.
const maxScanned = 10_000;

// Which pending devices the rule matches now, without changing anything. `wouldAct` says whether
// the rule can act at all (enabled, not exhausted); `remaining` how many more it may decide.
export const dryRunRule = async (id: string): Promise<RuleDryRunJson> => {
  const rule = await getRuleOrThrow(id);
  const pending = await prisma.device.findMany({
    where: { status: "pending" },
    orderBy: { firstSeenAt: "asc" },
    take: maxScanned,
    select: { id: true, mac: true, hostname: true, uuid: true, serial: true, arch: true, firstSeenAt: true },
  });
  const matches = pending.filter((device) => ruleMatches(rule, device));

  return {
    ruleId: rule.id,
    wouldAct: rule.enabled && !isExhausted(rule),
    remaining: rule.maxMatches === null ? null : Math.max(0, rule.maxMatches - rule.matchCount),
    matches: matches.map((device) => ({ ...device, firstSeenAt: device.firstSeenAt.toISOString() })),
  };
};
