import { inTransaction } from "@/lib/data/db";
import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { deviceExistsWithMac, insertDevice, type DeviceRow as Device } from "@/lib/data/device-rows";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateDeviceInput } from "@/lib/schemas/device";
import { afterDeviceChange } from "./approve-device";
import { assertGroupExists, checkDeviceAssignment } from "./check-device-assignment";
import { claimHostname } from "./claim-hostname";

type CreateDeviceOptions = { input: CreateDeviceInput; actor: Actor; sourceIp: string | null };

// "Add device": an admin enters a machine before it ever boots (pending, or approved at once).
export const createDevice = async ({ input, actor, sourceIp }: CreateDeviceOptions): Promise<Device> => {
  const approved = input.status === "approved";
  if (approved && !input.role) {
    throw new AppError("validation_failed", "approving a device requires a role", [{ path: "role", message: "required to approve" }]);
  }
  if (await deviceExistsWithMac(input.mac)) {
    throw new AppError("conflict", `a device with MAC ${input.mac} already exists`);
  }
  await checkDeviceAssignment({ deviceId: null, hostname: input.hostname, ipAddress: input.ipAddress });
  await assertGroupExists(input.groupId);
  const device = await inTransaction(async (tx) => {
    await claimHostname({ tx, hostname: input.hostname, deviceId: null, actor, sourceIp });
    const created = await insertDevice({
      tx,
      fields: { ...input, ...(approved ? { approvedAt: new Date(), approvedBy: actor.name ?? actor.type } : {}) },
    });
    await recordEvent({ type: "device.created", actor, sourceIp, deviceId: created.id, details: { mac: created.mac, status: created.status } }, tx);
    if (approved) {
      await recordEvent({ type: "device.approved", actor, sourceIp, deviceId: created.id, details: { mac: created.mac, role: created.role } }, tx);
    }

    return created;
  });
  await afterDeviceChange(device);

  return device;
};
