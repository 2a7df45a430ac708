import { deviceApprovalProof, type DeviceRow as Device } from "@/lib/data/device-rows";
import type { DeviceJson } from "@/lib/schemas/device";

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

// The API shape of a device (docs/api.md field names). Closed sets are Prisma enums (prisma/schema.prisma).
export const deviceJson = (device: Device): DeviceJson => ({
  id: device.id,
  mac: device.mac,
  uuid: device.uuid,
  serial: device.serial,
  arch: device.arch,
  hostname: device.hostname,
  ipAddress: device.ipAddress,
  role: device.role,
  status: device.status,
  groupId: device.groupId,
  installDisk: device.installDisk,
  notes: device.notes,
  bootAction: device.bootAction,
  approvalProof: deviceApprovalProof(device),
  firstSeenAt: device.firstSeenAt.toISOString(),
  lastSeenAt: device.lastSeenAt.toISOString(),
  lastSourceIp: device.lastSourceIp,
  approvedAt: iso(device.approvedAt),
  approvedBy: device.approvedBy,
  configDownloadedAt: iso(device.configDownloadedAt),
  configDownloadCount: device.configDownloadCount,
  lastDownloadIp: device.lastDownloadIp,
  provisionedAt: iso(device.provisionedAt),
  identityStatus: device.identityStatus,
  identityReason: device.identityReason,
  identityCheckedAt: iso(device.identityCheckedAt),
});
