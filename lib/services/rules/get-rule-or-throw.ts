import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import type { ApprovalRule } from "@/lib/generated/prisma/client";

export const getRuleOrThrow = async (id: string): Promise<ApprovalRule> => {
  const rule = await prisma.approvalRule.findUnique({ where: { id } });
  if (!rule) throw new AppError("not_found", `rule ${id} not found`);

  return rule;
};
