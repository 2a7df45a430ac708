import { prisma, type Tx } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";
import { dateOf, statement } from "./hot-statements";
import { dateColumn, nowStatement, writeNow, type NowTx } from "./write-now";

type LiveToken = { deviceId: string; id: string; tokenHash: string; createdAt: Date; expiresAt: Date; boundIp: string | null };

// At most one live token row per device: a new Talos script replaces the hash (and the bound
// address, identityCheck ip-only) of the live row instead of adding one, so a device polled a
// thousand times still has one token row, and the older token is void the moment the new one
// exists. A row is inserted only while the device has no live one. Any other unspent row (left by
// an older version) is voided, so a second script (or an intruder's request that got through)
// never leaves two usable tokens.
// id: the row the caller derived the token from (lib/services/boot/boot-token.ts); a live row that
// is not it (a concurrent request replaced it meanwhile) still takes the hash. Either way the stored
// hash is of the token the caller serves.
// One short synchronous write transaction (lib/data/write-now.ts): the read of the live row and the
// write cannot be split by another writer, and no ORM transaction of this process that happens to
// be open can absorb the write (the ORM adapter runs a query outside a transaction on the
// transaction's connection, so it would commit or roll back with it).
export const replaceLiveBootToken = async ({ deviceId, id, tokenHash, createdAt, expiresAt, boundIp }: LiveToken): Promise<void> => {
  const [created, expires] = [dateColumn(createdAt), dateColumn(expiresAt)];
  await writeNow((tx) => {
    const live = nowStatement(tx, `SELECT id FROM "BootToken" WHERE deviceId = ? AND usedAt IS NULL AND voidedAt IS NULL ORDER BY createdAt DESC, id DESC LIMIT 1`).get(deviceId) as
      | { id: string }
      | undefined;
    let kept = live?.id;
    if (kept) {
      nowStatement(tx, `UPDATE "BootToken" SET tokenHash = ?, createdAt = ?, expiresAt = ?, boundIp = ? WHERE id = ?`).run(tokenHash, created, expires, boundIp, kept);
    } else {
      // The preferred id is taken by a spent row of this device (it was spent meanwhile): a new row.
      kept = nowStatement(tx, `SELECT 1 FROM "BootToken" WHERE id = ?`).get(id) ? cuid() : id;
      nowStatement(tx, `INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt, boundIp) VALUES (?, ?, ?, ?, ?, ?)`).run(kept, deviceId, tokenHash, created, expires, boundIp);
    }
    nowStatement(tx, `UPDATE "BootToken" SET voidedAt = ? WHERE deviceId = ? AND usedAt IS NULL AND voidedAt IS NULL AND id <> ?`).run(created, deviceId, kept);
  });
};

// Voids every unspent token of the device (a change of what it may be told makes them stale).
export const voidLiveTokens = async ({ deviceId, tx }: { deviceId: string; tx?: Tx }): Promise<number> => {
  const { count } = await (tx ?? prisma).bootToken.updateMany({ where: { deviceId, usedAt: null, voidedAt: null }, data: { voidedAt: new Date() } });

  return count;
};

export const voidLiveTokensNow = ({ deviceId, tx }: { deviceId: string; tx: NowTx }): number =>
  nowStatement(tx, `UPDATE "BootToken" SET voidedAt = ? WHERE deviceId = ? AND usedAt IS NULL AND voidedAt IS NULL`).run(dateColumn(new Date()), deviceId).changes;

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

// The refusal path only, after findDeviceToken found nothing for the device: does any other device
// hold this hash? (wrong-device, an alarm, versus a token replaced by a newer script.)
export const isTokenOfAnyDevice = (tokenHash: string): boolean => statement(`SELECT 1 FROM "BootToken" WHERE tokenHash = ? LIMIT 1`).get(tokenHash) !== undefined;

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
