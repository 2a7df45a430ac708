import type { Actor } from "@/lib/auth/principal";
import { changedFields } from "@/lib/domain/changed-fields";
import { AppError } from "@/lib/domain/errors";
import { inTransaction } from "@/lib/data/db";
import { deviceApprovalProof, writeDevice, type DeviceRow as Device } from "@/lib/data/device-rows";
import { recordEvent } from "@/lib/events/record-event";
import { voidLiveTokens } from "@/lib/data/boot-tokens";
import { voidsTokens } from "@/lib/domain/boot/voids-tokens";
import type { UpdateDeviceInput } from "@/lib/schemas/device";
import { afterDeviceChange } from "./approve-device";
import { assertGroupExists, checkDeviceAssignment } from "./check-device-assignment";
import { claimHostname } from "./claim-hostname";
import { getDeviceOrThrow } from "./get-device-or-throw";

type UpdateDeviceOptions = { id: string; input: UpdateDeviceInput; actor: Actor; sourceIp: string | null };

// PUT /api/v1/devices/{id}. Setting bootAction to reinstall re-opens provisioning: the next
// iPXE boot gets Talos with a wipe and a fresh token.
export const updateDevice = async ({ id, input, actor, sourceIp }: UpdateDeviceOptions): Promise<Device> => {
  const current = await getDeviceOrThrow(id);
  const role = input.role === undefined ? current.role : input.role;
  if (current.status === "approved" && !role) {
    throw new AppError("validation_failed", "an approved device needs a role", [{ path: "role", message: "required while approved" }]);
  }
  await checkDeviceAssignment({ deviceId: id, hostname: input.hostname, ipAddress: input.ipAddress });
  await assertGroupExists(input.groupId);
  const reinstall = input.bootAction === "reinstall" && current.bootAction !== "reinstall";
  const device = await inTransaction(async (tx) => {
    await claimHostname({ tx, hostname: input.hostname, deviceId: id, actor, sourceIp });
    const updated = await writeDevice({ tx, id, fields: { ...input, ...(input.hostname !== undefined ? { hostnameSuggested: false } : {}) } });
    const voided = voidsTokens(current, updated) ? await voidLiveTokens({ deviceId: id, tx }) : 0;
    const changed = changedFields({ ...current, approvalProof: deviceApprovalProof(current) }, input);
    await recordEvent({ type: "device.updated", actor, sourceIp, deviceId: id, details: { mac: updated.mac, changed, ...(voided ? { voidedTokens: voided } : {}) } }, tx);
    if (reinstall) await recordEvent({ type: "device.reinstall", actor, sourceIp, deviceId: id, details: { mac: updated.mac } }, tx);

    return updated;
  });
  await afterDeviceChange(device);

  return device;
};
