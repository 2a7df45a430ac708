import type { IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { saveDeviceIdentity } from "@/lib/data/device-identity";
import { recordEvent } from "@/lib/events/record-event";

type NoteIdentityOptions = {
  device: { id: string; mac: string; identityStatus: string | null; identityReason: string | null };
  verdict: IdentityVerdict;
  sourceIp: string | null;
  stage: "script" | "download";
};

// Keeps the device page's identity line current and records a mismatch (event + webhook through
// the event's outbox). Written only when the verdict changed, so a polling machine writes nothing.
export const noteIdentity = async ({ device, verdict, sourceIp, stage }: NoteIdentityOptions): Promise<void> => {
  if (device.identityStatus === verdict.status && device.identityReason === verdict.reason) return;
  await saveDeviceIdentity({ deviceId: device.id, status: verdict.status, reason: verdict.reason });
  if (verdict.status !== "mismatch") return;
  await recordEvent({
    type: "boot.identity_mismatch",
    actor: { type: "device", id: device.id, name: device.mac },
    sourceIp,
    deviceId: device.id,
    details: { mac: device.mac, sourceIp, boundMac: verdict.boundMac, via: verdict.via, stage, reason: verdict.reason },
  });
};
