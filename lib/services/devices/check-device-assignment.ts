import { AppError } from "@/lib/domain/errors";
import { assertAssignable, type AssignmentFacts } from "@/lib/domain/devices/assignment";
import { findHostnameHolder, findHostnameHolderNow, findIpHolder, findIpHolderNow } from "@/lib/data/device-rows";
import { findGroup } from "@/lib/data/groups";
import { findNetworkSettings } from "@/lib/data/network-settings";
import type { NowTx } from "@/lib/data/write-now";

type AssignmentOptions = { deviceId: string | null; hostname?: string | null; ipAddress?: string | null };

// Hostname and static IP must be unique and fit the network (lib/domain/devices/assignment.ts).
// A machine's own suggested hostname never blocks an admin (claim-hostname.ts takes it away).
export const checkDeviceAssignment = async ({ deviceId, hostname, ipAddress }: AssignmentOptions): Promise<void> => {
  assertAssignable({
    hostname,
    ipAddress,
    network: ipAddress ? ((await findNetworkSettings())?.input ?? null) : null,
    hostnameHolder: hostname ? await findHostnameHolder({ hostname, exceptId: deviceId }) : null,
    ipHolder: ipAddress ? await findIpHolder({ ipAddress, exceptId: deviceId }) : null,
  });
};

// The same check inside a synchronous write transaction, so nothing can take the name or the
// address between the check and the write. The network settings are read by the caller, once.
export const checkDeviceAssignmentNow = ({ tx, deviceId, hostname, ipAddress, network }: AssignmentOptions & { tx: NowTx; network: AssignmentFacts["network"] }): void => {
  assertAssignable({
    hostname,
    ipAddress,
    network,
    hostnameHolder: hostname ? findHostnameHolderNow({ hostname, exceptId: deviceId, tx }) : null,
    ipHolder: ipAddress ? findIpHolderNow({ ipAddress, exceptId: deviceId, tx }) : null,
  });
};

export const assertGroupExists = async (groupId: string | null | undefined): Promise<void> => {
  if (!groupId) return;
  if (!(await findGroup(groupId))) {
    throw new AppError("validation_failed", `group ${groupId} does not exist`, [{ path: "groupId", message: "no such group" }]);
  }
};
