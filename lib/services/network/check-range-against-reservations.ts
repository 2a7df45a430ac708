import { listStaticIpDevices } from "@/lib/data/devices";
import type { Db } from "@/lib/data/db";
import { ipv4InRange } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import type { NetworkSettingsInput } from "@/lib/schemas/network";

// A DHCP range that covers a device's static IP could lease that address to another machine before
// the reserved one boots. Refused at save, naming the devices, so the admin moves one or the other.
type RangeFields = Pick<NetworkSettingsInput, "dhcpMode" | "dhcpRangeStart" | "dhcpRangeEnd">;

// `db`: the caller's transaction when there is one (SQLite has one writer; reading beside it would wait).
export const checkRangeAgainstReservations = async (input: RangeFields, db?: Db): Promise<void> => {
  if (input.dhcpMode !== "full") return;
  const reserved = await listStaticIpDevices(db);
  const covered = reserved.filter((device) => ipv4InRange(device.ipAddress, input.dhcpRangeStart ?? null, input.dhcpRangeEnd ?? null));
  if (covered.length === 0) return;
  const names = covered
    .slice(0, 5)
    .map((device) => `${device.hostname ?? device.mac} (${device.ipAddress})`)
    .join(", ");
  const more = covered.length > 5 ? ` and ${covered.length - 5} more` : "";
  const message = `The DHCP range covers static IPs of ${names}${more}: move the range or those devices' IPs`;
  throw new AppError("validation_failed", message, [{ path: "dhcpRangeStart", message }]);
};
