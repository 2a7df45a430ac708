import type { Actor } from "@/lib/auth/principal";
import { removeDeviceReservation, syncDeviceReservation } from "@/lib/compile/device-reservation";
import { inTransaction } from "@/lib/data/db";
import { writeDevice, type DeviceRow as Device } from "@/lib/data/device-rows";
import { recordEvent } from "@/lib/events/record-event";
import { voidLiveTokens } from "@/lib/data/boot-tokens";
import { voidsTokens } from "@/lib/domain/boot/voids-tokens";
import type { ApproveDeviceInput } from "@/lib/schemas/device";
import { checkDeviceAssignment } from "./check-device-assignment";
import { claimHostname } from "./claim-hostname";
import { notifyDeviceChanged } from "./device-change-notifier";
import { getDeviceOrThrow } from "./get-device-or-throw";

type ApproveDeviceOptions = { id: string; input: ApproveDeviceInput; actor: Actor; sourceIp: string | null };

// After any change of status, address or name the device's dnsmasq reservation follows at once,
// and a held config download of this device is woken.
export const afterDeviceChange = async (device: Device): Promise<void> => {
  await syncDeviceReservation({ mac: device.mac, ipAddress: device.ipAddress, hostname: device.hostname, status: device.status });
  notifyDeviceChanged(device.id);
};

export const afterDeviceRemoved = async (device: Device): Promise<void> => {
  await removeDeviceReservation(device.mac);
  notifyDeviceChanged(device.id);
};

export const approveDevice = async ({ id, input, actor, sourceIp }: ApproveDeviceOptions): Promise<Device> => {
  const current = await getDeviceOrThrow(id);
  const hostname = input.hostname ?? current.hostname;
  const ipAddress = input.ipAddress ?? current.ipAddress;
  await checkDeviceAssignment({ deviceId: id, hostname, ipAddress });
  const device = await inTransaction(async (tx) => {
    await claimHostname({ tx, hostname, deviceId: id, actor, sourceIp });
    const updated = await writeDevice({
      tx,
      id,
      fields: {
        status: "approved",
        role: input.role,
        hostname,
        // Approved with this name: it is the admin's now, no longer a suggestion.
        hostnameSuggested: false,
        ipAddress,
        installDisk: input.installDisk ?? current.installDisk,
        approvedAt: new Date(),
        approvedBy: actor.name ?? actor.type,
      },
    });
    if (voidsTokens(current, updated)) await voidLiveTokens({ deviceId: id, tx });
    await recordEvent(
      { type: "device.approved", actor, sourceIp, deviceId: id, details: { mac: updated.mac, role: updated.role, hostname, ipAddress, previousStatus: current.status } },
      tx,
    );

    return updated;
  });
  await afterDeviceChange(device);

  return device;
};
