import { updateDeviceIdentity, type BootDevice, type IdentityUpdate } from "@/lib/data/boot-devices";
import { recordPlainEvent } from "@/lib/events/record-plain-event";
import type { DroppedField } from "@/lib/schemas/device";
import { noteDeviceSighting } from "./device-sightings";
import { createOncePerKey } from "./once-per-key";
import { admitBoundedEvent } from "./bounded-events";

export type KnownDeviceReport = {
  uuid?: string;
  serial?: string;
  arch?: string;
  dropped?: DroppedField[];
  sourceIp: string | null;
};

type IdentityConflict = { field: "uuid" | "serial"; stored: string; reported: string };

// Conditions every poll repeats are recorded once per device (once-per-key.ts).
const globalForNotices = globalThis as unknown as { ktizoIdentityNotices?: ReturnType<typeof createOncePerKey> };
const notices = (globalForNotices.ktizoIdentityNotices ??= createOncePerKey());

const admitIdentityChange = (deviceId: string, sourceIp: string | null): boolean =>
  admitBoundedEvent({ key: `${deviceId}|identity_changed|${sourceIp ?? "-"}`, type: "device.identity_changed" }).record;

// Registration records the dropped fields itself; this keeps the next poll from recording them again.
export const rememberDroppedFields = (deviceId: string, dropped: DroppedField[]): void => {
  if (dropped.length > 0) notices.changed(`dropped:${deviceId}`, JSON.stringify(dropped));
};

// What a boot request of a known device writes: the sighting (batched, device-sightings.ts) and
// only what changed. An approved device's uuid and serial are what the admin approved: a request
// reporting other values does not overwrite them; it is a `device.identity_changed` event (shown
// on the device page), because it means another machine may be using this MAC.
export const noteKnownDevice = async ({ device, report }: { device: BootDevice; report: KnownDeviceReport }): Promise<BootDevice> => {
  noteDeviceSighting({ id: device.id, seenAt: new Date(), sourceIp: report.sourceIp });
  const update: IdentityUpdate = { id: device.id };
  const conflicts: IdentityConflict[] = [];
  for (const field of ["uuid", "serial"] as const) {
    const reported = report[field];
    const stored = device[field];
    if (!reported || reported === stored) continue;
    if (device.status === "approved" && stored !== null) conflicts.push({ field, stored, reported });
    else update[field] = reported;
  }
  if (report.arch && report.arch !== device.arch) update.arch = report.arch;
  if (Object.keys(update).length > 1) await updateDeviceIdentity(update);

  const actor = { type: "device" as const, id: device.id, name: device.mac };
  // The reported values are the caller's choice: a new serial on every request would be a new
  // event each time, so the event is also bounded per device + source address (bounded-events.ts).
  if (conflicts.length > 0 && notices.changed(`identity:${device.id}`, JSON.stringify(conflicts)) && admitIdentityChange(device.id, report.sourceIp)) {
    await recordPlainEvent({ type: "device.identity_changed", actor, sourceIp: report.sourceIp, deviceId: device.id, details: { conflicts, kept: "stored values" } });
  }
  const dropped = report.dropped ?? [];
  if (dropped.length > 0 && notices.changed(`dropped:${device.id}`, JSON.stringify(dropped))) {
    await recordPlainEvent({ type: "device.report_invalid", actor, sourceIp: report.sourceIp, deviceId: device.id, details: { dropped } });
  }

  return { ...device, ...update };
};
