import type { RuleRow } from "@/lib/data/rules";
import type { RuleJson } from "@/lib/schemas/rule";

// The API shape of an approval rule; closed sets were validated on write.
export const ruleJson = (rule: RuleRow): RuleJson => ({
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
  sourceSubnets: rule.sourceSubnets,
  allowControlPlane: rule.allowControlPlane,
  matchCount: rule.matchCount,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});
