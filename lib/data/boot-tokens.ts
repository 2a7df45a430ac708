import { inTransaction } from "./db";
import { prisma, type Tx } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";
import { dateOf, statement } from "./hot-statements";

type LiveToken = { deviceId: string; id: string; tokenHash: string; createdAt: Date; expiresAt: Date; boundIp: string | null };

// At most one live token row per device: a new Talos script replaces the hash (and the bound
// address, identityCheck ip-only) of the live row instead of adding one, so a device polled a
// thousand times still has one token row, and the older token is void the moment the new one
// exists. Any other unspent row (left by an older version) is voided in the same transaction,
// so a second script (or an intruder's request that got through) never leaves two usable tokens.
// id: the row the caller derived the token from (lib/services/boot/boot-token.ts); a row that is
// not it (a concurrent request replaced or spent it meanwhile) still takes the hash, and a new row
// takes the id when it is free. Either way the stored hash is of the token the caller serves.
// Raw SQL: this runs on every Talos script of a boot storm, where ORM calls cost ~1-2 ms each.
export const replaceLiveBootToken = async ({ deviceId, id, tokenHash, createdAt, expiresAt, boundIp }: LiveToken): Promise<void> => {
  await inTransaction(async (tx) => {
    const live = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "BootToken" WHERE deviceId = ${deviceId} AND usedAt IS NULL AND voidedAt IS NULL ORDER BY createdAt DESC`;
    const [keep, ...stale] = live;
    if (stale.length > 0) {
      await tx.$executeRaw`
        UPDATE "BootToken" SET voidedAt = ${createdAt}
        WHERE deviceId = ${deviceId} AND usedAt IS NULL AND voidedAt IS NULL AND id <> ${keep!.id}`;
    }
    if (keep) {
      await tx.$executeRaw`
        UPDATE "BootToken" SET tokenHash = ${tokenHash}, createdAt = ${createdAt}, expiresAt = ${expiresAt}, boundIp = ${boundIp}
        WHERE id = ${keep.id}`;
      return;
    }
    const inserted = await tx.$executeRaw`
      INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt, boundIp)
      VALUES (${id}, ${deviceId}, ${tokenHash}, ${createdAt}, ${expiresAt}, ${boundIp}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 1) return;
    await tx.$executeRaw`
      INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt, boundIp)
      VALUES (${cuid()}, ${deviceId}, ${tokenHash}, ${createdAt}, ${expiresAt}, ${boundIp})`;
  });
};

// Voids every unspent token of the device (a change of what it may be told makes them stale).
export const voidLiveTokens = async ({ deviceId, tx }: { deviceId: string; tx?: Tx }): Promise<number> => {
  const { count } = await (tx ?? prisma).bootToken.updateMany({ where: { deviceId, usedAt: null, voidedAt: null }, data: { voidedAt: new Date() } });

  return count;
};

export type BootTokenRow = { id: string; tokenHash: string; usedAt: Date | null; voidedAt: Date | null; expiresAt: Date; boundIp: string | null };

// The config download's token lookup: a prepared statement on the plain connection (hot-statements.ts).
export const findDeviceToken = async ({ deviceId, tokenHash }: { deviceId: string; tokenHash: string }): Promise<BootTokenRow | null> => {
  const row = statement(`SELECT id, tokenHash, usedAt, voidedAt, expiresAt, boundIp FROM "BootToken" WHERE tokenHash = ? AND deviceId = ? LIMIT 1`).get(tokenHash, deviceId) as
    | Record<string, unknown>
    | undefined;
  if (!row) return null;

  return {
    id: String(row.id),
    tokenHash: String(row.tokenHash),
    usedAt: dateOf(row.usedAt),
    voidedAt: dateOf(row.voidedAt),
    expiresAt: dateOf(row.expiresAt)!,
    boundIp: (row.boundIp as string | null) ?? null,
  };
};

// Retention: tokens that can never be used again and died before `before` (a past instant): used
// or voided before it, or expired before it. A live token is never matched.
export const deleteDeadBootTokens = async (before: Date): Promise<number> => {
  const { count } = await prisma.bootToken.deleteMany({
    where: { OR: [{ usedAt: { lt: before } }, { voidedAt: { lt: before } }, { expiresAt: { lt: before } }] },
  });

  return count;
};

// The id a new token row will get: the token is derived from it before the row is written
// (lib/services/boot/boot-token.ts).
export const newBootTokenId = (): string => cuid();
