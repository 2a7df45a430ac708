import type { DeviceGroup } from "@/lib/generated/prisma/client";
import type { GroupJson } from "@/lib/schemas/group";

export type GroupWithCount = DeviceGroup & { _count: { devices: number } };

export const groupJson = (group: GroupWithCount): GroupJson => ({
  id: group.id,
  name: group.name,
  role: group.role as GroupJson["role"],
  installDisk: group.installDisk,
  hostnamePattern: group.hostnamePattern,
  configPatch: group.configPatch,
  approvalProof: group.approvalProof as GroupJson["approvalProof"],
  deviceCount: group._count.devices,
  createdAt: group.createdAt.toISOString(),
  updatedAt: group.updatedAt.toISOString(),
});

export const withDeviceCount = { _count: { select: { devices: true } } } as const;
