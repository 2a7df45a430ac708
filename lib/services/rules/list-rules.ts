import { listRules as listRuleRows, type RuleRow } from "@/lib/data/rules";

// In evaluation order (lower priority number first, then older first).
export const listRules = (): Promise<RuleRow[]> => listRuleRows();
