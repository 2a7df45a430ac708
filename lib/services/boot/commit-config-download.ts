import { provisionDownloadNow } from "@/lib/data/config-downloads";
import { writeNow } from "@/lib/data/write-now";
import { recordEventNow } from "@/lib/events/record-event";

type CommitDownloadOptions = {
  device: { id: string; mac: string; bootAction: string; hostname: string | null };
  // The token row as read before the download was decided (null for a MAC-only download).
  token: { id: string; tokenHash: string } | null;
  source: "token" | "mac-only";
  sourceIp: string | null;
};

// Records a successful download in ONE short synchronous transaction (lib/data/write-now.ts): the
// token spent, the device provisioned (lib/data/config-downloads.ts) and both events with their
// webhook outbox rows (lib/events/record-event.ts). False (nothing written) when the token was
// spent or voided meanwhile.
export const commitDownload = async ({ device, token, source, sourceIp }: CommitDownloadOptions): Promise<boolean> =>
  writeNow((tx) => {
    const count = provisionDownloadNow({ tx, deviceId: device.id, token, sourceIp, now: new Date() });
    if (count === null) return false;
    const actor = { type: "device" as const, id: device.id, name: device.mac };
    recordEventNow({ type: "config.downloaded", actor, sourceIp, deviceId: device.id, details: { source, count, wasReinstall: device.bootAction === "reinstall" } }, tx);
    recordEventNow({ type: "device.provisioned", actor, sourceIp, deviceId: device.id, details: { hostname: device.hostname } }, tx);

    return true;
  });
