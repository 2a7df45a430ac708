import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { insertRule, type RuleRow } from "@/lib/data/rules";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateRuleInput } from "@/lib/schemas/rule";
import { checkRuleAssignment } from "./check-rule-assignment";

type CreateRuleOptions = { input: CreateRuleInput; actor: Actor; sourceIp: string | null };

export const createRule = async ({ input, actor, sourceIp }: CreateRuleOptions): Promise<RuleRow> => {
  await checkRuleAssignment(input);

  return inTransaction(async (tx) => {
    const rule = await insertRule({ fields: input, db: tx });
    await recordEvent({ type: "rule.saved", actor, sourceIp, details: { ruleId: rule.id, name: rule.name, created: true } }, tx);

    return rule;
  });
};
