import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { insertRule, type RuleRow } from "@/lib/data/rules";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateRuleInput } from "@/lib/schemas/rule";
import { checkRuleAssignment } from "./check-rule-assignment";
import { checkRulePeers } from "./check-rule-peers";

type CreateRuleOptions = { input: CreateRuleInput; actor: Actor; sourceIp: string | null };

// `warnings`: other rules that make this one (or that this one makes) never act (check-rule-peers.ts).
export type SavedRule = RuleRow & { warnings: string[] };

export const createRule = async ({ input, actor, sourceIp }: CreateRuleOptions): Promise<SavedRule> => {
  await checkRuleAssignment(input);

  // The name check runs under the write lock, so two concurrent saves cannot both take a name.
  return inTransaction(async (tx) => {
    const warnings = await checkRulePeers({ rule: input, db: tx });
    const rule = await insertRule({ fields: input, db: tx });
    await recordEvent({ type: "rule.saved", actor, sourceIp, details: { ruleId: rule.id, name: rule.name, created: true } }, tx);

    return { ...rule, warnings };
  });
};
