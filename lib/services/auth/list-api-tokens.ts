import { listApiTokenPage } from "@/lib/data/api-tokens";
import { listApiTokensQuerySchema, type ApiTokenJson } from "@/lib/schemas/token";

export type ListApiTokensOptions = { page?: number; pageSize?: number };
export type ApiTokenPage = { items: ApiTokenJson[]; total: number; page: number; pageSize: number };

// Active tokens first, then revoked ones (kept for the audit trail), newest first within each.
export const listApiTokens = async (options: ListApiTokensOptions = {}): Promise<ApiTokenPage> => {
  const { page, pageSize } = listApiTokensQuerySchema.parse(options);
  const { items, total } = await listApiTokenPage({ page, pageSize });

  return { items, total, page, pageSize };
};
