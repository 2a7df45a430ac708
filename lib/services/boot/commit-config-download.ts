import { prisma } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";
import { recordEvent } from "@/lib/events/record-event";

type CommitDownloadOptions = {
  device: Device;
  tokenId: string | null;
  source: "token" | "mac-only";
  sourceIp: string | null;
};

// Records a successful download in one transaction: the token is spent (exactly once: a second
// concurrent request with the same token loses here), every other token of the device is void,
// the device is provisioned and its boot action is back to install. False (nothing written) when
// the token was spent or voided meanwhile.
export const commitDownload = async ({ device, tokenId, source, sourceIp }: CommitDownloadOptions): Promise<boolean> => {
  const now = new Date();

  return prisma.$transaction(async (tx) => {
    if (tokenId) {
      const spent = await tx.bootToken.updateMany({ where: { id: tokenId, usedAt: null, voidedAt: null }, data: { usedAt: now } });
      if (spent.count !== 1) return false;
    }
    await tx.bootToken.updateMany({ where: { deviceId: device.id, usedAt: null, voidedAt: null }, data: { voidedAt: now } });
    const updated = await tx.device.update({
      where: { id: device.id },
      data: {
        configDownloadedAt: now,
        configDownloadCount: { increment: 1 },
        lastDownloadIp: sourceIp,
        provisionedAt: now,
        bootAction: "install",
        lastSeenAt: now,
      },
    });
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    await recordEvent({ type: "config.downloaded", actor, sourceIp, deviceId: device.id, details: { source, count: updated.configDownloadCount, wasReinstall: device.bootAction === "reinstall" } }, tx);
    await recordEvent({ type: "device.provisioned", actor, sourceIp, deviceId: device.id, details: { hostname: device.hostname } }, tx);

    return true;
  });
};
