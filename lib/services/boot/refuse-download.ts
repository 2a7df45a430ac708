import type { RefusalCode } from "@/lib/domain/boot/decide-download";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { countConfigDownload, countConfigRefusal } from "@/lib/metrics/count";
import { admitBoundedEvent, boundedDetails } from "./bounded-events";

type RefusedDevice = { id: string; mac: string; provisionedAt: Date | null; bootAction: string };

type RefuseOptions = { device: RefusedDevice | null; code: RefusalCode; reason: string; sourceIp: string | null };

// Every refused download is loud: a labelled counter on /metrics each time, and an event with the
// reason and the source address. A refusal for a device that is already installed (and not set to
// reinstall) is config.download_refused, a webhook event: a second machine is using that device's
// identity. The event is bounded like the registration throttle (bounded-events.ts): once per
// device + reason + source address a minute, the next one carrying how many repeats it stood for,
// so replaying a refused request does not grow the audit log or the webhook outbox per attempt.
export const refuseDownload = async ({ device, code, reason, sourceIp }: RefuseOptions): Promise<never> => {
  const afterProvisioning = Boolean(device?.provisionedAt) && device?.bootAction !== "reinstall";
  const type = afterProvisioning ? "config.download_refused" : "config.refused";
  countConfigDownload("refused");
  countConfigRefusal(code);
  const admission = admitBoundedEvent({ key: `${device?.id ?? "-"}|${code}|${sourceIp ?? "-"}`, type });
  if (admission.record) {
    await recordEvent({
      type,
      actor: device ? { type: "device", id: device.id, name: device.mac } : { type: "system", name: "ktizo" },
      sourceIp,
      deviceId: device?.id ?? null,
      details: { reason, code, sourceIp, ...(device ? { mac: device.mac } : {}), ...boundedDetails(admission) },
    });
  }
  throw new AppError("forbidden", reason);
};
