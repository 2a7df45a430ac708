import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";

export type MintedToken = { token: string; save: () => Promise<void> };

// A fresh config token for one Talos boot script: random, stored only as its SHA-256, valid for
// the provisioning window and one successful download. The row is saved only after the script
// rendered, so a refused script leaves no live token behind. One raw INSERT: this runs on every
// Talos script of a boot storm (issue 8), where an ORM create costs ~2 ms of CPU.
export const mintBootToken = ({ deviceId, windowMinutes }: { deviceId: string; windowMinutes: number }): MintedToken => {
  const token = generateSecretToken();

  return {
    token,
    save: async () => {
      const now = Date.now();
      await prisma.$executeRaw`
        INSERT INTO "BootToken" (id, deviceId, tokenHash, createdAt, expiresAt)
        VALUES (${cuid()}, ${deviceId}, ${hashToken(token)}, ${new Date(now)}, ${new Date(now + windowMinutes * 60_000)})`;
    },
  };
};
