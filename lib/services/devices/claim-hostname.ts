import type { Actor } from "@/lib/auth/principal";
import { releaseSuggestedHostname } from "@/lib/data/boot-devices";
import type { Tx } from "@/lib/data/db";
import { recordEvent } from "@/lib/events/record-event";

type ClaimOptions = { tx: Tx; hostname: string | null | undefined; deviceId: string | null; actor: Actor; sourceIp: string | null };

// An admin's hostname wins over a machine's suggestion (Device.hostnameSuggested): a device that
// only suggested this name loses it, and that is recorded on it. Runs inside the admin's
// transaction, before the write that takes the name.
export const claimHostname = async ({ tx, hostname, deviceId, actor, sourceIp }: ClaimOptions): Promise<void> => {
  if (!hostname) return;
  const released = await releaseSuggestedHostname({ tx, hostname, exceptId: deviceId });
  for (const holder of released) {
    await recordEvent({ type: "device.hostname_released", actor, sourceIp, deviceId: holder.id, details: { mac: holder.mac, hostname, reason: "an admin chose this hostname for another device" } }, tx);
  }
};
