import type { Actor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/record-event";
import type { UpdateGroupInput } from "@/lib/schemas/group";
import { assertGroupNameFree } from "./create-group";
import { getGroupOrThrow } from "./get-group-or-throw";
import { withDeviceCount, type GroupWithCount } from "./group-json";

type UpdateGroupOptions = { id: string; input: UpdateGroupInput; actor: Actor; sourceIp: string | null };

// Devices of the group render with the new patch from their next config download on.
export const updateGroup = async ({ id, input, actor, sourceIp }: UpdateGroupOptions): Promise<GroupWithCount> => {
  await getGroupOrThrow(id);
  if (input.name) await assertGroupNameFree(input.name, id);

  return prisma.$transaction(async (tx) => {
    const group = await tx.deviceGroup.update({ where: { id }, data: input, include: withDeviceCount });
    await recordEvent({ type: "group.saved", actor, sourceIp, details: { groupId: id, name: group.name, fields: Object.keys(input) } }, tx);

    return group;
  });
};
