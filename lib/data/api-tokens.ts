import { dateColumn, nowStatement, writeNow } from "./write-now";
import { prisma } from "@/lib/db/client";
import type { ApiToken } from "@/lib/generated/prisma/client";
import type { ApiTokenJson } from "@/lib/schemas/token";
import type { Db } from "./db";

type TokenRow = ApiToken & { createdBy: { username: string } | null };
const withCreator = { createdBy: { select: { username: true } } } as const;

// The public shape of a token: never the hash, never the value.
const tokenOf = (row: TokenRow): ApiTokenJson => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  origin: row.origin,
  createdBy: row.createdBy?.username ?? null,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export type NewApiToken = { name: string; tokenHash: string; prefix: string; origin: "ui" | "env"; createdById: string | null };

export const insertApiToken = async ({ token, db = prisma }: { token: NewApiToken; db?: Db }): Promise<ApiTokenJson> =>
  tokenOf(await db.apiToken.create({ data: token, include: withCreator }));

// Active tokens first, then revoked ones (kept for the audit trail), newest first within each.
export const listApiTokenPage = async ({ page, pageSize }: { page: number; pageSize: number }): Promise<{ items: ApiTokenJson[]; total: number }> => {
  const [rows, total] = await Promise.all([
    prisma.apiToken.findMany({
      orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: withCreator,
    }),
    prisma.apiToken.count(),
  ]);

  return { items: rows.map(tokenOf), total };
};

export const findApiToken = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<ApiTokenJson | null> => {
  const row = await db.apiToken.findUnique({ where: { id }, include: withCreator });

  return row ? tokenOf(row) : null;
};

export const markApiTokenRevoked = async ({ id, at, db = prisma }: { id: string; at: Date; db?: Db }): Promise<ApiTokenJson> =>
  tokenOf(await db.apiToken.update({ where: { id }, data: { revokedAt: at }, include: withCreator }));

export type TokenByHash = { id: string; name: string; revokedAt: Date | null; lastUsedAt: Date | null };

export const findApiTokenByHash = ({ tokenHash, db = prisma }: { tokenHash: string; db?: Db }): Promise<TokenByHash | null> =>
  db.apiToken.findUnique({ where: { tokenHash }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });

// As touchSession (sessions.ts): never waits for the write lock with the event loop blocked.
export const touchApiToken = async ({ id, at }: { id: string; at: Date }): Promise<void> => {
  await writeNow((tx) => nowStatement(tx, `UPDATE "ApiToken" SET "lastUsedAt" = ? WHERE "id" = ?`).run(dateColumn(at), id));
};

// Env-origin tokens still active whose hash is not `keepHash` (all of them when it is null).
export const listActiveEnvTokens = ({ keepHash, db = prisma }: { keepHash: string | null; db?: Db }): Promise<{ id: string; name: string }[]> =>
  db.apiToken.findMany({ where: { origin: "env", revokedAt: null, NOT: keepHash ? { tokenHash: keepHash } : undefined }, select: { id: true, name: true } });

export const reactivateEnvToken = async ({ id, name, db = prisma }: { id: string; name: string; db?: Db }): Promise<void> => {
  await db.apiToken.update({ where: { id }, data: { revokedAt: null, name, origin: "env" } });
};
