import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { writeDevice, type DeviceRow as Device } from "@/lib/data/device-rows";
import { recordEvent } from "@/lib/events/record-event";
import { voidLiveTokens } from "@/lib/data/boot-tokens";
import { afterDeviceChange } from "./approve-device";
import { getDeviceOrThrow } from "./get-device-or-throw";

type RejectDeviceOptions = { id: string; actor: Actor; sourceIp: string | null };

// A rejected device's unused config tokens die with the decision: it must never get a config.
export const rejectDevice = async ({ id, actor, sourceIp }: RejectDeviceOptions): Promise<Device> => {
  const current = await getDeviceOrThrow(id);
  const device = await inTransaction(async (tx) => {
    const updated = await writeDevice({ tx, id, fields: { status: "rejected" } });
    await voidLiveTokens({ deviceId: id, tx });
    await recordEvent({ type: "device.rejected", actor, sourceIp, deviceId: id, details: { mac: updated.mac, previousStatus: current.status } }, tx);

    return updated;
  });
  await afterDeviceChange(device);

  return device;
};
