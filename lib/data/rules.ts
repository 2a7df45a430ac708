import { prisma } from "@/lib/db/client";

// Names of the approval rules that assign a group (a group they rely on must not disappear).
export const listRuleNamesForGroup = async (groupId: string): Promise<string[]> =>
  (await prisma.approvalRule.findMany({ where: { groupId }, select: { name: true } })).map((rule) => rule.name);
