import type { Db } from "@/lib/data/db";
import { listRulePeers } from "@/lib/data/rule-peers";
import { AppError } from "@/lib/domain/errors";
import { shadowingRule, type ShadowRule } from "@/lib/domain/rules/rule-shadow";
import type { CreateRuleInput } from "@/lib/schemas/rule";

type CheckRulePeersOptions = { rule: CreateRuleInput; id?: string; createdAt?: Date; db: Db };

// Against the other rules: a name already taken is refused (the event log, the dry run and webhooks
// name rules, so two of the same name cannot be told apart). A rule that another one always takes
// first is saved with a warning, not refused: reordering rules one edit at a time passes through
// such states, and a shadowed rule does nothing at all (docs/rules-groups-webhooks.md).
export const checkRulePeers = async ({ rule, id, createdAt = new Date(), db }: CheckRulePeersOptions): Promise<string[]> => {
  const others = (await listRulePeers(db)).filter((peer) => peer.id !== id);
  const name = rule.name.trim().toLowerCase();
  const clash = others.find((peer) => peer.name.trim().toLowerCase() === name);
  if (clash) {
    const message = `a rule named ${clash.name} already exists: choose another name`;
    throw new AppError("conflict", message, [{ path: "name", message }]);
  }
  // Optional fields a create leaves out are undefined here; stored rules hold null.
  const self: ShadowRule = {
    ...rule,
    id: id ?? "",
    createdAt,
    matchCount: 0,
    maxMatches: rule.maxMatches ?? null,
    ipPoolStart: rule.ipPoolStart ?? null,
    macPattern: rule.macPattern ?? null,
    ouiPrefix: rule.ouiPrefix ?? null,
    uuidPattern: rule.uuidPattern ?? null,
    serialPattern: rule.serialPattern ?? null,
    arch: rule.arch ?? null,
  };
  const warnings: string[] = [];
  const before = shadowingRule(self, others);
  if (before) {
    warnings.push(`Rule ${before.name} (priority ${before.priority}) comes first and takes every machine this rule matches, so this rule will never act.`);
  }
  for (const peer of others.filter((other) => shadowingRule(other, [self, ...others]) === self)) {
    warnings.push(`This rule comes before rule ${peer.name} (priority ${peer.priority}) and takes every machine it matches, so ${peer.name} will never act.`);
  }

  return warnings;
};
