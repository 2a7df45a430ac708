import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateGroupInput } from "@/lib/schemas/group";
import { withDeviceCount, type GroupWithCount } from "./group-json";

type CreateGroupOptions = { input: CreateGroupInput; actor: Actor; sourceIp: string | null };

export const assertGroupNameFree = async (name: string, exceptId?: string): Promise<void> => {
  const holder = await prisma.deviceGroup.findUnique({ where: { name }, select: { id: true } });
  if (holder && holder.id !== exceptId) {
    throw new AppError("conflict", `a group named ${name} already exists`, [{ path: "name", message: "name is taken" }]);
  }
};

export const createGroup = async ({ input, actor, sourceIp }: CreateGroupOptions): Promise<GroupWithCount> => {
  await assertGroupNameFree(input.name);

  return prisma.$transaction(async (tx) => {
    const group = await tx.deviceGroup.create({ data: input, include: withDeviceCount });
    await recordEvent({ type: "group.saved", actor, sourceIp, details: { groupId: group.id, name: group.name, created: true } }, tx);

    return group;
  });
};
