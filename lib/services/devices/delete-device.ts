import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { removeDevice } from "@/lib/data/device-rows";
import { recordEvent } from "@/lib/events/record-event";
import { afterDeviceRemoved } from "./approve-device";
import { getDeviceOrThrow } from "./get-device-or-throw";

type DeleteDeviceOptions = { id: string; actor: Actor; sourceIp: string | null };

// Its boot tokens go with it (cascade). If the machine boots again it registers as new.
export const deleteDevice = async ({ id, actor, sourceIp }: DeleteDeviceOptions): Promise<void> => {
  const current = await getDeviceOrThrow(id);
  await inTransaction(async (tx) => {
    await removeDevice({ id, tx });
    await recordEvent({ type: "device.deleted", actor, sourceIp, deviceId: id, details: { mac: current.mac, hostname: current.hostname } }, tx);
  });
  await afterDeviceRemoved(current);
};
