import type { Actor } from "@/lib/auth/principal";
import { releaseSuggestedHostname, releaseSuggestedHostnameNow } from "@/lib/data/boot-devices";
import type { Tx } from "@/lib/data/db";
import type { NowTx } from "@/lib/data/write-now";
import { recordEvent, recordEventNow, type RecordEventInput } from "@/lib/events/record-event";

type ClaimOptions = { tx: Tx; hostname: string | null | undefined; deviceId: string | null; actor: Actor; sourceIp: string | null };

const releasedEvent = ({ holder, hostname, actor, sourceIp }: { holder: { id: string; mac: string }; hostname: string; actor: Actor; sourceIp: string | null }): RecordEventInput => ({
  type: "device.hostname_released",
  actor,
  sourceIp,
  deviceId: holder.id,
  details: { mac: holder.mac, hostname, reason: "an admin chose this hostname for another device" },
});

// An admin's hostname wins over a machine's suggestion (Device.hostnameSuggested): a device that
// only suggested this name loses it, and that is recorded on it. Runs inside the admin's
// transaction, before the write that takes the name.
export const claimHostname = async ({ tx, hostname, deviceId, actor, sourceIp }: ClaimOptions): Promise<void> => {
  if (!hostname) return;
  const released = await releaseSuggestedHostname({ tx, hostname, exceptId: deviceId });
  for (const holder of released) {
    await recordEvent(releasedEvent({ holder, hostname, actor, sourceIp }), tx);
  }
};

// The same inside a synchronous write transaction (lib/data/write-now.ts).
export const claimHostnameNow = ({ tx, hostname, deviceId, actor, sourceIp }: Omit<ClaimOptions, "tx"> & { tx: NowTx }): void => {
  if (!hostname) return;
  for (const holder of releaseSuggestedHostnameNow({ tx, hostname, exceptId: deviceId })) recordEventNow(releasedEvent({ holder, hostname, actor, sourceIp }), tx);
};
