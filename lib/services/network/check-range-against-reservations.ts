import { prisma } from "@/lib/db/client";
import { ipv4InRange } from "@/lib/domain/boot/ipv4";
import { AppError } from "@/lib/domain/errors";
import type { NetworkSettingsInput } from "@/lib/schemas/network";

// A DHCP range that covers a device's static IP could lease that address to another machine before
// the reserved one boots. Refused at save, naming the devices, so the admin moves one or the other.
type RangeFields = Pick<NetworkSettingsInput, "dhcpMode" | "dhcpRangeStart" | "dhcpRangeEnd">;
type DeviceReader = Pick<typeof prisma, "device">;

// `db`: the caller's transaction when there is one (SQLite has one writer; reading beside it would wait).
export const checkRangeAgainstReservations = async (input: RangeFields, db: DeviceReader = prisma): Promise<void> => {
  if (input.dhcpMode !== "full") return;
  const reserved = await db.device.findMany({ where: { ipAddress: { not: null } }, select: { mac: true, hostname: true, ipAddress: true } });
  const covered = reserved.filter((device) => device.ipAddress && ipv4InRange(device.ipAddress, input.dhcpRangeStart ?? null, input.dhcpRangeEnd ?? null));
  if (covered.length === 0) return;
  const names = covered
    .slice(0, 5)
    .map((device) => `${device.hostname ?? device.mac} (${device.ipAddress})`)
    .join(", ");
  const more = covered.length > 5 ? ` and ${covered.length - 5} more` : "";
  const message = `The DHCP range covers static IPs of ${names}${more}: move the range or those devices' IPs`;
  throw new AppError("validation_failed", message, [{ path: "dhcpRangeStart", message }]);
};
