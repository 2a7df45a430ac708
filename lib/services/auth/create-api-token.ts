import { insertApiToken } from "@/lib/data/api-tokens";
import { inTransaction, type Tx } from "@/lib/data/db";
import { actorOf, type Actor, type Principal } from "@/lib/auth/principal";
import { apiTokenPrefix, generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { recordEvent } from "@/lib/events/record-event";
import { createApiTokenSchema, type ApiTokenJson } from "@/lib/schemas/token";

export type CreateApiTokenOptions = { name: string; principal: Principal; sourceIp?: string | null };

// "ktz_" plus 8 characters: enough to tell tokens apart in the list, far too little to guess the rest.
const visiblePrefixLength = apiTokenPrefix.length + 8;

// Returns the token value exactly once; only its SHA-256 is stored.
export const createApiToken = async ({
  name,
  principal,
  sourceIp = null,
}: CreateApiTokenOptions): Promise<ApiTokenJson & { token: string }> => {
  const input = createApiTokenSchema.parse({ name });
  const token = generateSecretToken(apiTokenPrefix);
  const createdById = principal.kind === "user" ? principal.userId : null;
  const created = await inTransaction(async (tx) =>
    insertToken(tx, {
      name: input.name,
      token,
      prefix: token.slice(0, visiblePrefixLength),
      origin: "ui",
      createdById,
      actor: actorOf(principal),
      sourceIp,
    }),
  );

  return { ...created, token };
};

type InsertTokenOptions = {
  name: string;
  token: string;
  prefix: string;
  origin: "ui" | "env";
  createdById: string | null;
  actor: Actor;
  sourceIp: string | null;
  details?: Record<string, unknown>;
};

export const insertToken = async (tx: Tx, { token, actor, sourceIp, details, ...data }: InsertTokenOptions): Promise<ApiTokenJson> => {
  const row = await insertApiToken({ token: { ...data, tokenHash: hashToken(token) }, db: tx });
  await recordEvent(
    {
      type: "token.created",
      actor,
      sourceIp,
      details: { tokenId: row.id, name: row.name, prefix: row.prefix, origin: row.origin, ...details },
    },
    tx,
  );

  return row;
};
