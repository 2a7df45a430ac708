import type { IdentityVerdict } from "@/lib/domain/identity/decide-identity";
import { saveDeviceIdentity } from "@/lib/data/device-identity";
import { recordEvent } from "@/lib/events/record-event";
import { admitBoundedEvent, boundedDetails } from "./bounded-events";

type NoteIdentityOptions = {
  device: { id: string; mac: string; identityStatus: string | null; identityReason: string | null };
  verdict: IdentityVerdict;
  sourceIp: string | null;
  stage: "script" | "download";
};

// Keeps the device page's identity line current and records a mismatch (event + webhook through
// the event's outbox). Written only when the verdict changed (compare-and-set), so a polling
// machine writes nothing; the mismatch event is also bounded per device + source address
// (bounded-events.ts), so an intruder alternating with the real machine cannot make every flip
// an event. Every mismatch is counted in /metrics by checkIdentity.
export const noteIdentity = async ({ device, verdict, sourceIp, stage }: NoteIdentityOptions): Promise<void> => {
  if (device.identityStatus === verdict.status && device.identityReason === verdict.reason) return;
  const from = { status: device.identityStatus, reason: device.identityReason };
  const won = await saveDeviceIdentity({ deviceId: device.id, from, status: verdict.status, reason: verdict.reason });
  if (!won || verdict.status !== "mismatch") return;
  const admission = admitBoundedEvent({ key: `${device.id}|mismatch|${sourceIp ?? "-"}`, type: "boot.identity_mismatch" });
  if (!admission.record) return;
  await recordEvent({
    type: "boot.identity_mismatch",
    actor: { type: "device", id: device.id, name: device.mac },
    sourceIp,
    deviceId: device.id,
    details: { mac: device.mac, sourceIp, boundMac: verdict.boundMac, via: verdict.via, stage, reason: verdict.reason, ...boundedDetails(admission) },
  });
};
