import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { writeRule, type RuleRow } from "@/lib/data/rules";
import { recordEvent } from "@/lib/events/record-event";
import { createRuleSchema, type UpdateRuleInput } from "@/lib/schemas/rule";
import { checkRuleAssignment } from "./check-rule-assignment";
import { checkRulePeers } from "./check-rule-peers";
import type { SavedRule } from "./create-rule";
import { getRuleOrThrow } from "./get-rule-or-throw";

type UpdateRuleOptions = { id: string; input: UpdateRuleInput; actor: Actor; sourceIp: string | null };

const storedFields = (rule: RuleRow) => ({
  name: rule.name,
  priority: rule.priority,
  enabled: rule.enabled,
  macPattern: rule.macPattern,
  ouiPrefix: rule.ouiPrefix,
  uuidPattern: rule.uuidPattern,
  serialPattern: rule.serialPattern,
  arch: rule.arch,
  action: rule.action,
  groupId: rule.groupId,
  role: rule.role,
  hostnamePattern: rule.hostnamePattern,
  ipPoolStart: rule.ipPoolStart,
  ipPoolEnd: rule.ipPoolEnd,
  maxMatches: rule.maxMatches,
  sourceSubnets: rule.sourceSubnets,
  allowControlPlane: rule.allowControlPlane,
});

// The stored rule with the changes applied is validated as a whole, so an edit can never leave a
// rule that creation would refuse (e.g. a reject rule with an IP pool).
export const updateRule = async ({ id, input, actor, sourceIp }: UpdateRuleOptions): Promise<SavedRule> => {
  const current = await getRuleOrThrow(id);
  const { resetMatchCount, ...changes } = input;
  const merged = createRuleSchema.parse({ ...storedFields(current), ...changes });
  await checkRuleAssignment(merged);

  return inTransaction(async (tx) => {
    const warnings = await checkRulePeers({ rule: merged, id, createdAt: current.createdAt, db: tx });
    const rule = await writeRule({ id, fields: { ...merged, ...(resetMatchCount ? { matchCount: 0 } : {}) }, db: tx });
    await recordEvent({ type: "rule.saved", actor, sourceIp, details: { ruleId: id, name: rule.name, resetMatchCount: !!resetMatchCount } }, tx);

    return { ...rule, warnings };
  });
};
