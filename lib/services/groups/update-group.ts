import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { writeGroup } from "@/lib/data/groups";
import { recordEvent } from "@/lib/events/record-event";
import type { GroupJson, UpdateGroupInput } from "@/lib/schemas/group";
import { assertGroupNameFree } from "./create-group";
import { getGroupOrThrow } from "./get-group-or-throw";

type UpdateGroupOptions = { id: string; input: UpdateGroupInput; actor: Actor; sourceIp: string | null };

// Devices of the group render with the new patch from their next config download on.
export const updateGroup = async ({ id, input, actor, sourceIp }: UpdateGroupOptions): Promise<GroupJson> => {
  await getGroupOrThrow(id);
  if (input.name) await assertGroupNameFree(input.name, id);

  return inTransaction(async (tx) => {
    const group = await writeGroup({ id, input, db: tx });
    await recordEvent({ type: "group.saved", actor, sourceIp, details: { groupId: id, name: group.name, fields: Object.keys(input) } }, tx);

    return group;
  });
};
