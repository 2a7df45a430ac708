import { prisma, type Tx } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";

type InsertTokenOptions = { deviceId: string; tokenHash: string; lifetimeMs: number; boundIp: string | null };

// At most one live token per device: the new one replaces every unspent one in one transaction,
// so a second script (or an intruder's request that got through) never leaves two usable tokens.
// Raw statements: this runs for every Talos script of a boot storm, where ORM calls cost ~2 ms each.
export const insertOnlyLiveToken = async ({ deviceId, tokenHash, lifetimeMs, boundIp }: InsertTokenOptions): Promise<void> => {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "BootToken" SET voidedAt = ${now} WHERE deviceId = ${deviceId} AND usedAt IS NULL AND voidedAt IS NULL`,
    prisma.$executeRaw`
      INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt, boundIp)
      VALUES (${cuid()}, ${deviceId}, ${tokenHash}, ${now}, ${expiresAt}, ${boundIp})`,
  ]);
};

// Voids every unspent token of the device (a change of what it may be told makes them stale).
export const voidLiveTokens = async ({ deviceId, tx }: { deviceId: string; tx?: Tx }): Promise<number> => {
  const { count } = await (tx ?? prisma).bootToken.updateMany({ where: { deviceId, usedAt: null, voidedAt: null }, data: { voidedAt: new Date() } });

  return count;
};

export const findDeviceToken = ({ deviceId, tokenHash }: { deviceId: string; tokenHash: string }) =>
  prisma.bootToken.findFirst({ where: { tokenHash, deviceId } });
