import { swapLastToldKey, type BootDevice } from "@/lib/data/boot-devices";
import type { BootDecision } from "@/lib/domain/boot/decide-boot";
import { recordPlainEvent } from "@/lib/events/record-plain-event";

// What a device is told is an event only when it changes (Device.lastToldKey): a machine polling
// every few seconds, or anyone replaying its requests, adds no event while its answer stays the
// same. commitDownload clears the key, so the next script after a download is recorded again.
export const toldKeyOf = (decision: BootDecision): string => `${decision.script}:${decision.wipe ? "wipe:" : ""}${decision.reason}`;

export const recordToldChange = async ({ device, decision, sourceIp }: { device: BootDevice; decision: BootDecision; sourceIp: string | null }): Promise<void> => {
  const key = toldKeyOf(decision);
  if (device.lastToldKey === key) return;
  const won = await swapLastToldKey({ id: device.id, from: device.lastToldKey, to: key });
  if (!won || !decision.logServed) return;
  await recordPlainEvent({
    type: "boot.script_served",
    actor: { type: "device", id: device.id, name: device.mac },
    sourceIp,
    deviceId: device.id,
    details: { script: decision.script, reason: decision.reason, wipe: decision.wipe },
  });
};
