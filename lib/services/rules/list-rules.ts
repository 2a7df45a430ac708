import { prisma } from "@/lib/db/client";
import type { ApprovalRule } from "@/lib/generated/prisma/client";

// In evaluation order (lower priority number first, then older first).
export const listRules = (): Promise<ApprovalRule[]> =>
  prisma.approvalRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
