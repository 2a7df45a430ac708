import { findApiToken, markApiTokenRevoked } from "@/lib/data/api-tokens";
import { inTransaction } from "@/lib/data/db";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { apiTokenIdSchema, type ApiTokenJson } from "@/lib/schemas/token";

export type RevokeApiTokenOptions = { id: string; principal: Principal; sourceIp?: string | null };

// Revoked tokens stay in the table (marked) so events keep pointing at something; revoking twice
// is harmless and records nothing new.
export const revokeApiToken = async ({ id, principal, sourceIp = null }: RevokeApiTokenOptions): Promise<ApiTokenJson> => {
  const input = apiTokenIdSchema.parse({ id });
  return inTransaction(async (tx) => {
    const existing = await findApiToken({ id: input.id, db: tx });
    if (!existing) throw new AppError("not_found", "API token not found");
    if (existing.revokedAt) return existing;
    const revoked = await markApiTokenRevoked({ id: existing.id, at: new Date(), db: tx });
    await recordEvent(
      {
        type: "token.revoked",
        actor: actorOf(principal),
        sourceIp,
        details: { tokenId: revoked.id, name: revoked.name, prefix: revoked.prefix, origin: revoked.origin },
      },
      tx,
    );

    return revoked;
  });
};
