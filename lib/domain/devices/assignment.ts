import { ipv4InRange, isHostInSubnet, subnetOf } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import type { NetworkSettingsInput } from "@/lib/schemas/network";

// A device that already holds a hostname or a static IP (named in the conflict message).
export type DeviceHolder = { mac: string; hostname: string | null };

// What decides whether a hostname and a static IP may be given to a device: the network it must
// fit in, and who already holds either. The caller looks them up (through the ORM, or inside a
// synchronous write transaction); the rule is the same.
export type AssignmentFacts = {
  hostname?: string | null;
  ipAddress?: string | null;
  network: Pick<NetworkSettingsInput, "serverIp" | "netmask" | "gateway" | "dhcpMode" | "dhcpRangeStart" | "dhcpRangeEnd"> | null;
  hostnameHolder: DeviceHolder | null;
  ipHolder: DeviceHolder | null;
};

const describe = (device: DeviceHolder): string => (device.hostname ? `${device.hostname} (${device.mac})` : device.mac);

// Hostname and static IP must be unique, and the IP must be a host address of ktizo's subnet
// (a reservation outside it would never be handed out). A clear 409/422 before any write.
export const assertAssignable = ({ hostname, ipAddress, network, hostnameHolder, ipHolder }: AssignmentFacts): void => {
  if (hostname && hostnameHolder) throw new AppError("conflict", `hostname ${hostname} is already used by device ${hostnameHolder.mac}`);
  if (!ipAddress) return;
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
  if (ipHolder) throw new AppError("conflict", `IP ${ipAddress} is already assigned to device ${describe(ipHolder)}`);
};
