import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { findGroupIdByName, insertGroup } from "@/lib/data/groups";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { CreateGroupInput, GroupJson } from "@/lib/schemas/group";

type CreateGroupOptions = { input: CreateGroupInput; actor: Actor; sourceIp: string | null };

export const assertGroupNameFree = async (name: string, exceptId?: string): Promise<void> => {
  const holder = await findGroupIdByName(name);
  if (holder && holder !== exceptId) {
    throw new AppError("conflict", `a group named ${name} already exists`, [{ path: "name", message: "name is taken" }]);
  }
};

export const createGroup = async ({ input, actor, sourceIp }: CreateGroupOptions): Promise<GroupJson> => {
  await assertGroupNameFree(input.name);

  return inTransaction(async (tx) => {
    const group = await insertGroup({ input, db: tx });
    await recordEvent({ type: "group.saved", actor, sourceIp, details: { groupId: group.id, name: group.name, created: true } }, tx);

    return group;
  });
};
