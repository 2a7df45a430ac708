import type { Actor } from "@/lib/auth/principal";
import { removeDeviceReservation, syncDeviceReservation } from "@/lib/compile/device-reservation";
import { findDeviceRowNow, writeDeviceNow, type DeviceRow as Device } from "@/lib/data/device-rows";
import { findNetworkSettings } from "@/lib/data/network-settings";
import { savepointNow, writeNow, type NowTx } from "@/lib/data/write-now";
import { recordEventNow } from "@/lib/events/record-event";
import { voidLiveTokensNow } from "@/lib/data/boot-tokens";
import type { AssignmentFacts } from "@/lib/domain/devices/assignment";
import { voidsTokens } from "@/lib/domain/boot/voids-tokens";
import { AppError, isAppError } from "@/lib/domain/errors";
import type { ApproveDeviceInput } from "@/lib/schemas/device";
import { checkDeviceAssignmentNow } from "./check-device-assignment";
import { claimHostnameNow } from "./claim-hostname";
import { notifyDeviceChanged } from "./device-change-notifier";

type ApproveDeviceOptions = { id: string; input: ApproveDeviceInput; actor: Actor; sourceIp: string | null };
type ApproveDevicesOptions = Omit<ApproveDeviceOptions, "id"> & { ids: string[] };
export type ApprovalOutcome = { id: string; device: Device } | { id: string; error: AppError };

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

type ApproveNowOptions = ApproveDeviceOptions & { tx: NowTx; network: AssignmentFacts["network"] };

// One approval, checked and written inside the write transaction, so no other writer can take the
// hostname or the address between the check and the write.
const approveNow = ({ tx, id, input, actor, sourceIp, network }: ApproveNowOptions): Device => {
  const current = findDeviceRowNow({ id, tx });
  if (!current) throw new AppError("not_found", `device ${id} not found`);
  const hostname = input.hostname ?? current.hostname;
  const ipAddress = input.ipAddress ?? current.ipAddress;
  checkDeviceAssignmentNow({ tx, deviceId: id, hostname, ipAddress, network });
  claimHostnameNow({ tx, hostname, deviceId: id, actor, sourceIp });
  const updated = writeDeviceNow({
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
  if (voidsTokens(current, updated)) voidLiveTokensNow({ deviceId: id, tx });
  recordEventNow(
    { type: "device.approved", actor, sourceIp, deviceId: id, details: { mac: updated.mac, role: updated.role, hostname, ipAddress, previousStatus: current.status } },
    tx,
  );

  return updated;
};

// Approves each device on its own (a savepoint each: one conflict undoes only that device), all in
// ONE synchronous write transaction of prepared statements. A bulk approval of a rack's batch of
// 100 costs 20-60 ms of CPU this way, where one ORM transaction per device cost 7-12 ms each
// (docs/benchmarks.md, "Approvals and the Overview without the ORM"). The outcomes come back in
// the order of `ids`.
export const approveDevices = async ({ ids, input, actor, sourceIp }: ApproveDevicesOptions): Promise<ApprovalOutcome[]> => {
  const network = (await findNetworkSettings())?.input ?? null;
  const outcomes = await writeNow((tx) =>
    ids.map((id): ApprovalOutcome => {
      try {
        return { id, device: savepointNow(tx, () => approveNow({ tx, id, input, actor, sourceIp, network })) };
      } catch (error) {
        if (!isAppError(error)) throw error;

        return { id, error };
      }
    }),
  );
  for (const outcome of outcomes) if ("device" in outcome) await afterDeviceChange(outcome.device);

  return outcomes;
};

export const approveDevice = async ({ id, ...options }: ApproveDeviceOptions): Promise<Device> => {
  const [outcome] = await approveDevices({ ids: [id], ...options });
  if (!outcome || "error" in outcome) throw outcome?.error ?? new Error(`approving device ${id} gave no outcome`);

  return outcome.device;
};
