import { prisma } from "@/lib/db/client";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { apiTokenIdSchema, type ApiTokenJson } from "@/lib/schemas/token";
import { toApiTokenJson } from "./api-token-json";

export type RevokeApiTokenOptions = { id: string; principal: Principal; sourceIp?: string | null };

// Revoked tokens stay in the table (marked) so events keep pointing at something; revoking twice
// is harmless and records nothing new.
export const revokeApiToken = async ({ id, principal, sourceIp = null }: RevokeApiTokenOptions): Promise<ApiTokenJson> => {
  const input = apiTokenIdSchema.parse({ id });
  const row = await prisma.$transaction(async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id: input.id } });
    if (!existing) throw new AppError("not_found", "API token not found");
    if (existing.revokedAt) return tx.apiToken.findUniqueOrThrow({ where: { id: existing.id }, include: { createdBy: true } });
    const revoked = await tx.apiToken.update({
      where: { id: existing.id },
      data: { revokedAt: new Date() },
      include: { createdBy: true },
    });
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

  return toApiTokenJson(row);
};
