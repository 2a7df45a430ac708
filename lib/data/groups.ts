import { prisma } from "@/lib/db/client";
import type { DeviceGroup } from "@/lib/generated/prisma/client";
import type { CreateGroupInput, GroupJson, UpdateGroupInput } from "@/lib/schemas/group";
import { optionalApprovalProofColumn, optionalApprovalProofOf } from "./columns";
import type { Db } from "./db";

type GroupRow = DeviceGroup & { _count: { devices: number } };
const withDeviceCount = { _count: { select: { devices: true } } } as const;

const groupOf = (group: GroupRow): GroupJson => ({
  id: group.id,
  name: group.name,
  role: group.role,
  installDisk: group.installDisk,
  hostnamePattern: group.hostnamePattern,
  configPatch: group.configPatch,
  approvalProof: optionalApprovalProofOf(group.approvalProof),
  deviceCount: group._count.devices,
  createdAt: group.createdAt.toISOString(),
  updatedAt: group.updatedAt.toISOString(),
});

export const listGroups = async (): Promise<GroupJson[]> =>
  (await prisma.deviceGroup.findMany({ orderBy: { name: "asc" }, include: withDeviceCount })).map(groupOf);

export const findGroup = async (id: string): Promise<GroupJson | null> => {
  const row = await prisma.deviceGroup.findUnique({ where: { id }, include: withDeviceCount });

  return row ? groupOf(row) : null;
};

// The id of the group that holds `name` (names are unique), if any.
export const findGroupIdByName = async (name: string): Promise<string | null> =>
  (await prisma.deviceGroup.findUnique({ where: { name }, select: { id: true } }))?.id ?? null;

export const insertGroup = async ({ input, db = prisma }: { input: CreateGroupInput; db?: Db }): Promise<GroupJson> =>
  groupOf(await db.deviceGroup.create({ data: { ...input, approvalProof: optionalApprovalProofColumn(input.approvalProof) }, include: withDeviceCount }));

export const writeGroup = async ({ id, input, db = prisma }: { id: string; input: UpdateGroupInput; db?: Db }): Promise<GroupJson> =>
  groupOf(await db.deviceGroup.update({ where: { id }, data: { ...input, approvalProof: optionalApprovalProofColumn(input.approvalProof) }, include: withDeviceCount }));

// Member devices keep existing and leave the group (the relation is ON DELETE SET NULL).
export const removeGroup = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<void> => {
  await db.deviceGroup.delete({ where: { id } });
};

export type GroupOption = { id: string; name: string };

// Id and name of every group, by name: the choices of a group picker.
export const listGroupOptions = (): Promise<GroupOption[]> =>
  prisma.deviceGroup.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
