import { provisionDownload } from "@/lib/data/config-downloads";
import { inTransaction } from "@/lib/data/db";
import { recordEvent } from "@/lib/events/record-event";

type CommitDownloadOptions = {
  device: { id: string; mac: string; bootAction: string; hostname: string | null };
  // The token row as read before the download was decided (null for a MAC-only download).
  token: { id: string; tokenHash: string } | null;
  source: "token" | "mac-only";
  sourceIp: string | null;
};

// Records a successful download in one transaction: the token spent, the device provisioned
// (lib/data/config-downloads.ts) and both events. False (nothing written) when the token was
// spent or voided meanwhile.
export const commitDownload = async ({ device, token, source, sourceIp }: CommitDownloadOptions): Promise<boolean> =>
  inTransaction(async (tx) => {
    const count = await provisionDownload({ tx, deviceId: device.id, token, sourceIp, now: new Date() });
    if (count === null) return false;
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    await recordEvent({ type: "config.downloaded", actor, sourceIp, deviceId: device.id, details: { source, count, wasReinstall: device.bootAction === "reinstall" } }, tx);
    await recordEvent({ type: "device.provisioned", actor, sourceIp, deviceId: device.id, details: { hostname: device.hostname } }, tx);

    return true;
  });
