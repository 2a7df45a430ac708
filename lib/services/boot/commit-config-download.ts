import { inTransaction } from "@/lib/data/db";
import type { Device } from "@/lib/generated/prisma/client";
import { recordEvent } from "@/lib/events/record-event";

type CommitDownloadOptions = {
  device: Device;
  // The token row as read before the download was decided (null for a MAC-only download).
  token: { id: string; tokenHash: string } | null;
  source: "token" | "mac-only";
  sourceIp: string | null;
};

// Records a successful download in one transaction: the token is spent (exactly once: a second
// concurrent request with the same token loses here), every other token of the device is void,
// the device is provisioned and its boot action is back to install. False (nothing written) when
// the token was spent or voided meanwhile.
export const commitDownload = async ({ device, token, source, sourceIp }: CommitDownloadOptions): Promise<boolean> => {
  const now = new Date();

  return inTransaction(async (tx) => {
    if (token) {
      // The hash too: a newer script replaces the live row's hash in place (one live token row per
      // device, lib/data/boot-tokens.ts), and then the token this request carried is no longer it.
      const spent = await tx.bootToken.updateMany({ where: { id: token.id, tokenHash: token.tokenHash, usedAt: null, voidedAt: null }, data: { usedAt: now } });
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
        // The next boot script is a change of what the device is told (record-told-change.ts).
        lastToldKey: null,
      },
    });
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    await recordEvent({ type: "config.downloaded", actor, sourceIp, deviceId: device.id, details: { source, count: updated.configDownloadCount, wasReinstall: device.bootAction === "reinstall" } }, tx);
    await recordEvent({ type: "device.provisioned", actor, sourceIp, deviceId: device.id, details: { hostname: device.hostname } }, tx);

    return true;
  });
};
