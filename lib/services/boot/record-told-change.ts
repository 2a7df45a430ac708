import { swapLastToldKeyNow, type BootDevice } from "@/lib/data/boot-devices";
import { writeNow } from "@/lib/data/write-now";
import { isIdentityKey, type Told } from "@/lib/domain/boot/told";
import { recordEventNow } from "@/lib/events/record-event";
import { admitBoundedEvent } from "./bounded-events";

// What a device is told is an event only when it changes (Device.lastToldKey): a machine polling
// every few seconds, or anyone replaying its requests, adds no event while its answer stays the
// same. commitDownload clears the key, so the next script after a download is recorded again.
// An answer that depends on who asked (lib/domain/boot/told.ts) can flip on every request when an
// intruder interleaves with the real machine: such a change is recorded within the event bounds
// (bounded-events.ts). The swap and its event are one short synchronous transaction
// (lib/data/write-now.ts): every device's first script, Talos script and exit passes here.
// True when this request recorded the change.
export const recordToldChange = async ({ device, told, sourceIp }: { device: BootDevice; told: Told; sourceIp: string | null }): Promise<boolean> => {
  if (device.lastToldKey === told.key) return false;

  return writeNow((tx) => {
    if (!swapLastToldKeyNow({ tx, id: device.id, from: device.lastToldKey, to: told.key })) return false;
    if (told.byIdentity || isIdentityKey(device.lastToldKey)) {
      if (!admitBoundedEvent({ key: `${device.id}|told|${told.key}`, type: "boot.script_served" }).record) return false;
    }
    if (told.logServed) {
      recordEventNow(
        { type: "boot.script_served", actor: { type: "device", id: device.id, name: device.mac }, sourceIp, deviceId: device.id, details: { script: told.script, reason: told.reason, wipe: told.wipe } },
        tx,
      );
    }

    return true;
  });
};
