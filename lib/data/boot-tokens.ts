import { prisma } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";

type LiveToken = { deviceId: string; tokenHash: string; createdAt: Date; expiresAt: Date };

// At most one live token row per device: a new Talos script replaces the hash of the live row
// instead of adding one, so a device polled a thousand times still has one token row (and the
// older token is void the moment the new one exists). Raw SQL: this runs on every Talos script.
export const replaceLiveBootToken = async ({ deviceId, tokenHash, createdAt, expiresAt }: LiveToken): Promise<void> => {
  await prisma.$transaction(async (tx) => {
    const replaced = await tx.$executeRaw`
      UPDATE "BootToken" SET tokenHash = ${tokenHash}, createdAt = ${createdAt}, expiresAt = ${expiresAt}
      WHERE id = (SELECT id FROM "BootToken" WHERE deviceId = ${deviceId} AND usedAt IS NULL AND voidedAt IS NULL
                  ORDER BY createdAt DESC LIMIT 1)`;
    if (replaced === 0) {
      await tx.$executeRaw`
        INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt)
        VALUES (${cuid()}, ${deviceId}, ${tokenHash}, ${createdAt}, ${expiresAt})`;
    }
  });
};

// Retention: tokens that can never be used again and died before `before` (a past instant): used
// or voided before it, or expired before it. A live token is never matched.
export const deleteDeadBootTokens = async (before: Date): Promise<number> => {
  const { count } = await prisma.bootToken.deleteMany({
    where: { OR: [{ usedAt: { lt: before } }, { voidedAt: { lt: before } }, { expiresAt: { lt: before } }] },
  });

  return count;
};
