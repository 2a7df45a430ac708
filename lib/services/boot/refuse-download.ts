import type { RefusalCode } from "@/lib/domain/boot/decide-download";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { countConfigDownload, countConfigRefusal } from "@/lib/metrics/count";

type RefusedDevice = { id: string; mac: string; provisionedAt: Date | null; bootAction: string };

type RefuseOptions = { device: RefusedDevice | null; code: RefusalCode; reason: string; sourceIp: string | null };

// Every refused download is loud: an event with the reason and the source address, and a labelled
// counter on /metrics. A refusal for a device that is already installed (and not set to reinstall)
// is config.download_refused, a webhook event: a second machine is using that device's identity.
export const refuseDownload = async ({ device, code, reason, sourceIp }: RefuseOptions): Promise<never> => {
  const afterProvisioning = Boolean(device?.provisionedAt) && device?.bootAction !== "reinstall";
  await recordEvent({
    type: afterProvisioning ? "config.download_refused" : "config.refused",
    actor: device ? { type: "device", id: device.id, name: device.mac } : { type: "system", name: "ktizo" },
    sourceIp,
    deviceId: device?.id ?? null,
    details: { reason, code, sourceIp, ...(device ? { mac: device.mac } : {}) },
  });
  countConfigDownload("refused");
  countConfigRefusal(code);
  throw new AppError("forbidden", reason);
};
