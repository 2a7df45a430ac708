import { prisma } from "@/lib/db/client";
import type { ApprovalRule, DeviceGroup, Prisma } from "@/lib/generated/prisma/client";
import { subnetsOf, type GateRule } from "@/lib/domain/rules/rule-gate";
import { nowStatement, type NowTx } from "./write-now";
import type { Db, Tx } from "./db";

// An approval rule with its Json list read as the domain value.
export type RuleRow = Omit<ApprovalRule, "sourceSubnets"> & { sourceSubnets: string[] };
export type RuleWithGroup = RuleRow & { group: DeviceGroup | null };
export type RuleFields = Omit<Prisma.ApprovalRuleUncheckedCreateInput, "id" | "createdAt" | "updatedAt" | "sourceSubnets"> & { sourceSubnets?: string[] };

const ruleOf = <R extends ApprovalRule>(row: R): Omit<R, "sourceSubnets"> & { sourceSubnets: string[] } => ({ ...row, sourceSubnets: subnetsOf(row.sourceSubnets) });

// In evaluation order (lower priority number first, then older first).
export const listRules = async (): Promise<RuleRow[]> =>
  (await prisma.approvalRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] })).map(ruleOf);

export const findRule = async (id: string): Promise<RuleRow | null> => {
  const row = await prisma.approvalRule.findUnique({ where: { id } });

  return row ? ruleOf(row) : null;
};

export const insertRule = async ({ fields, db = prisma }: { fields: RuleFields; db?: Db }): Promise<RuleRow> =>
  ruleOf(await db.approvalRule.create({ data: fields }));

export const writeRule = async ({ id, fields, db = prisma }: { id: string; fields: Partial<RuleFields>; db?: Db }): Promise<RuleRow> =>
  ruleOf(await db.approvalRule.update({ where: { id }, data: fields }));

export const removeRule = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<void> => {
  await db.approvalRule.delete({ where: { id } });
};

// What the rule gate (lib/domain/rules/rule-gate.ts) needs of each enabled rule, read inside a
// registration's synchronous transaction: when no rule could decide on the new device, it is
// registered without the ORM (lib/services/boot/register-device.ts).
export const enabledRuleGatesNow = (tx: NowTx): GateRule[] =>
  (nowStatement(tx, `SELECT action, sourceSubnets FROM "ApprovalRule" WHERE enabled = 1`).all() as { action: string; sourceSubnets: string | null }[]).map((row) => ({
    action: row.action,
    sourceSubnets: subnetsOf(parsedJson(row.sourceSubnets)),
  }));

// The Json column as stored text; an empty or unreadable text reads as no list (subnetsOf), as the ORM's value does.
const parsedJson = (text: string | null): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

// The enabled rules with their groups, read inside a registration transaction.
export const listEnabledRulesWithGroup = async (tx: Tx): Promise<RuleWithGroup[]> =>
  (await tx.approvalRule.findMany({ where: { enabled: true }, include: { group: true } })).map(ruleOf);

// Counts one match for the rule unless it reached maxMatches. The conditional increment keeps
// maxMatches exact under concurrent registrations: only a writer that still sees matchCount <
// maxMatches gets a row back.
export const claimRuleMatch = async ({ id, maxMatches, tx }: { id: string; maxMatches: number | null; tx: Tx }): Promise<boolean> => {
  const limit = maxMatches === null ? {} : { matchCount: { lt: maxMatches } };
  const { count } = await tx.approvalRule.updateMany({ where: { id, ...limit }, data: { matchCount: { increment: 1 } } });

  return count === 1;
};

// Names of the approval rules that assign a group (a group they rely on must not disappear).
export const listRuleNamesForGroup = async (groupId: string): Promise<string[]> =>
  (await prisma.approvalRule.findMany({ where: { groupId }, select: { name: true } })).map((rule) => rule.name);
