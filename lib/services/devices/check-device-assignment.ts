import { ipv4InRange, isHostInSubnet, subnetOf } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import { findHostnameHolder, findIpHolder } from "@/lib/data/device-rows";
import { findGroup } from "@/lib/data/groups";
import { findNetworkSettings } from "@/lib/data/network-settings";

type AssignmentOptions = { deviceId: string | null; hostname?: string | null; ipAddress?: string | null };

const describe = (device: { mac: string; hostname: string | null }): string =>
  device.hostname ? `${device.hostname} (${device.mac})` : device.mac;

// Hostname and static IP must be unique, and the IP must be a host address of ktizo's subnet
// (a reservation outside it would never be handed out). Clear 409/422 before any write.
export const checkDeviceAssignment = async ({ deviceId, hostname, ipAddress }: AssignmentOptions): Promise<void> => {
  if (hostname) {
    // A machine's own suggestion never blocks an admin (claim-hostname.ts takes it away).
    const holder = await findHostnameHolder({ hostname, exceptId: deviceId });
    if (holder) throw new AppError("conflict", `hostname ${hostname} is already used by device ${holder.mac}`);
  }
  if (!ipAddress) return;
  const network = (await findNetworkSettings())?.input;
  if (!network) {
    throw new AppError("validation_failed", "save the network settings before assigning a static IP", [
      { path: "ipAddress", message: "network settings are needed to check the subnet" },
    ]);
  }
  const subnet = subnetOf({ ip: network.serverIp, netmask: network.netmask });
  if (!subnet || !isHostInSubnet(ipAddress, subnet)) {
    const message = `IP ${ipAddress} is not a host address in the network ${network.serverIp}/${subnet?.prefixLength ?? "?"}`;
    throw new AppError("validation_failed", message, [{ path: "ipAddress", message }]);
  }
  if (ipAddress === network.serverIp || ipAddress === network.gateway) {
    const message = `IP ${ipAddress} is ktizo's server address or the gateway`;
    throw new AppError("conflict", message, [{ path: "ipAddress", message }]);
  }
  // An address a dynamic client may already hold (or get next) must not also be a reservation.
  if (network.dhcpMode === "full" && ipv4InRange(ipAddress, network.dhcpRangeStart, network.dhcpRangeEnd)) {
    const message = `IP ${ipAddress} is inside the DHCP range ${network.dhcpRangeStart}–${network.dhcpRangeEnd}, which dnsmasq hands out to any machine: pick a static IP outside it`;
    throw new AppError("validation_failed", message, [{ path: "ipAddress", message }]);
  }
  const holder = await findIpHolder({ ipAddress, exceptId: deviceId });
  if (holder) throw new AppError("conflict", `IP ${ipAddress} is already assigned to device ${describe(holder)}`);
};

export const assertGroupExists = async (groupId: string | null | undefined): Promise<void> => {
  if (!groupId) return;
  if (!(await findGroup(groupId))) {
    throw new AppError("validation_failed", `group ${groupId} does not exist`, [{ path: "groupId", message: "no such group" }]);
  }
};
