import { findRule, type RuleRow } from "@/lib/data/rules";
import { AppError } from "@/lib/domain/errors";

export type { RuleRow };

export const getRuleOrThrow = async (id: string): Promise<RuleRow> => {
  const rule = await findRule(id);
  if (!rule) throw new AppError("not_found", `rule ${id} not found`);

  return rule;
};
