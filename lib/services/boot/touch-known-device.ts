import { prisma } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";
import type { DeviceReport } from "./register-device";

// The columns the boot decision and the Talos script need.
export type BootDevice = Pick<Device, "id" | "mac" | "arch" | "status" | "bootAction" | "provisionedAt" | "role" | "identityStatus" | "identityReason">;

// The hot path of every iPXE poll (issue 8 boot storm): lookup by MAC and touchDevice's update in
// ONE raw statement. Two ORM calls cost ~4 ms of query-compiler CPU; this ~0.3 ms. Same writes as
// touchDevice (register-device.ts): lastSeenAt, updatedAt (@updatedAt), lastSourceIp when known,
// and uuid/serial/arch only when reported. Dates bound as Date are stored exactly as the ORM
// stores them (tests/integration/boot-hot-path.test.ts). Null when the MAC is unknown: the
// caller registers it through the ORM (rare path, rules run in its transaction).
export const touchKnownDevice = async (report: DeviceReport): Promise<BootDevice | null> => {
  const now = new Date();
  const rows = await prisma.$queryRaw<BootDevice[]>`
    UPDATE "Device" SET
      lastSeenAt = ${now}, updatedAt = ${now},
      lastSourceIp = COALESCE(${report.sourceIp}, lastSourceIp),
      uuid = COALESCE(${report.uuid || null}, uuid),
      serial = COALESCE(${report.serial || null}, serial),
      arch = COALESCE(${report.arch || null}, arch)
    WHERE mac = ${report.mac}
    RETURNING id, mac, arch, status, bootAction, provisionedAt, role, identityStatus, identityReason`;

  return rows[0] ?? null;
};
