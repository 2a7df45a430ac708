import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { removeRule } from "@/lib/data/rules";
import { recordEvent } from "@/lib/events/record-event";
import { getRuleOrThrow } from "./get-rule-or-throw";

type DeleteRuleOptions = { id: string; actor: Actor; sourceIp: string | null };

// Devices keep their ruleId as history of who approved them; the rule itself is gone.
export const deleteRule = async ({ id, actor, sourceIp }: DeleteRuleOptions): Promise<void> => {
  const rule = await getRuleOrThrow(id);
  await inTransaction(async (tx) => {
    await removeRule({ id, db: tx });
    await recordEvent({ type: "rule.deleted", actor, sourceIp, details: { ruleId: id, name: rule.name } }, tx);
  });
};
