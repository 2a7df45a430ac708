import { prisma } from "@/lib/db/client";
import type { Db } from "@/lib/data/db";
import type { ShadowRule } from "@/lib/domain/rules/rule-shadow";
import { subnetsOf } from "@/lib/domain/rules/rule-gate";

// Every rule, in the shape the name and shadow checks compare (rule-shadow.ts). Rules are few
// (an admin writes each), so all of them are read.
export const listRulePeers = async (db: Db = prisma): Promise<ShadowRule[]> =>
  (await db.approvalRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] })).map((rule) => ({
    id: rule.id,
    name: rule.name,
    priority: rule.priority,
    enabled: rule.enabled,
    createdAt: rule.createdAt,
    maxMatches: rule.maxMatches,
    matchCount: rule.matchCount,
    macPattern: rule.macPattern,
    ouiPrefix: rule.ouiPrefix,
    uuidPattern: rule.uuidPattern,
    serialPattern: rule.serialPattern,
    arch: rule.arch,
    action: rule.action,
    sourceSubnets: subnetsOf(rule.sourceSubnets),
    ipPoolStart: rule.ipPoolStart,
  }));
