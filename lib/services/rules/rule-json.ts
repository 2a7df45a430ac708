import type { ApprovalRule } from "@/lib/generated/prisma/client";
import type { RuleJson } from "@/lib/schemas/rule";
import { subnetsOf } from "@/lib/domain/rules/rule-gate";

// The API shape of an approval rule; closed sets were validated on write.
export const ruleJson = (rule: ApprovalRule): RuleJson => ({
  id: rule.id,
  name: rule.name,
  priority: rule.priority,
  enabled: rule.enabled,
  macPattern: rule.macPattern,
  ouiPrefix: rule.ouiPrefix,
  uuidPattern: rule.uuidPattern,
  serialPattern: rule.serialPattern,
  arch: rule.arch,
  action: rule.action as RuleJson["action"],
  groupId: rule.groupId,
  role: rule.role as RuleJson["role"],
  hostnamePattern: rule.hostnamePattern,
  ipPoolStart: rule.ipPoolStart,
  ipPoolEnd: rule.ipPoolEnd,
  maxMatches: rule.maxMatches,
  sourceSubnets: subnetsOf(rule.sourceSubnets),
  allowControlPlane: rule.allowControlPlane,
  matchCount: rule.matchCount,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});
