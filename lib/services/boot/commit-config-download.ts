import { AppError } from "@/lib/domain/errors";
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
// the device is provisioned and its boot action is back to install.
export const commitDownload = async ({ device, tokenId, source, sourceIp }: CommitDownloadOptions): Promise<void> => {
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    if (tokenId) {
      const spent = await tx.bootToken.updateMany({ where: { id: tokenId, usedAt: null, voidedAt: null }, data: { usedAt: now } });
      if (spent.count !== 1) throw new AppError("forbidden", "token was already used");
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
        // The next boot script is a change of what the device is told (record-told-change.ts).
        lastToldKey: null,
      },
    });
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    await recordEvent({ type: "config.downloaded", actor, sourceIp, deviceId: device.id, details: { source, count: updated.configDownloadCount, wasReinstall: device.bootAction === "reinstall" } }, tx);
    await recordEvent({ type: "device.provisioned", actor, sourceIp, deviceId: device.id, details: { hostname: device.hostname } }, tx);
  });
};
