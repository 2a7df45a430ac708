import type { ApiTokenJson } from "@/lib/schemas/token";

type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  origin: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy?: { username: string } | null;
};

// The public shape of a token: never the hash, never the value.
export const toApiTokenJson = (row: ApiTokenRow): ApiTokenJson => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  origin: row.origin,
  createdBy: row.createdBy?.username ?? null,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});
