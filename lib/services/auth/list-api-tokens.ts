import { prisma } from "@/lib/db/client";
import { listApiTokensQuerySchema, type ApiTokenJson } from "@/lib/schemas/token";
import { toApiTokenJson } from "./api-token-json";

export type ListApiTokensOptions = { page?: number; pageSize?: number };
export type ApiTokenPage = { items: ApiTokenJson[]; total: number; page: number; pageSize: number };

// Active tokens first, then revoked ones (kept for the audit trail), newest first within each.
export const listApiTokens = async (options: ListApiTokensOptions = {}): Promise<ApiTokenPage> => {
  const { page, pageSize } = listApiTokensQuerySchema.parse(options);
  const [rows, total] = await Promise.all([
    prisma.apiToken.findMany({
      orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { createdBy: { select: { username: true } } },
    }),
    prisma.apiToken.count(),
  ]);

  return { items: rows.map(toApiTokenJson), total, page, pageSize };
};
