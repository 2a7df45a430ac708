"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf } from "@/lib/auth/principal";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { idSchema } from "@/lib/schemas/common-fields";
import { groupFormSchema } from "@/lib/schemas/group";
import { createGroup } from "@/lib/services/groups";
import { deleteGroup } from "@/lib/services/groups";
import { updateGroup } from "@/lib/services/groups";

type GroupFormState = ActionState<Record<string, unknown>, { id: string; name: string }>;

const create = formAction(
  groupFormSchema,
  async (input, { principal, sourceIp }) => {
    const group = await createGroup({ input, actor: actorOf(principal), sourceIp });
    revalidatePath("/groups");

    return { id: group.id, name: group.name };
  },
  { path: "/groups" },
);

// The edit form posts every field, so empty ones clear.
const update = formAction(
  z.looseObject({ id: idSchema }),
  async ({ id, ...fields }, { principal, sourceIp }) => {
    const input = groupFormSchema.parse(fields);
    const group = await updateGroup({ id, input, actor: actorOf(principal), sourceIp });
    revalidatePath("/groups");
    revalidatePath(`/groups/${id}`);

    return { id: group.id, name: group.name };
  },
  { path: "/groups" },
);

const remove = formAction(
  z.object({ id: idSchema }),
  async ({ id }, { principal, sourceIp }) => {
    await deleteGroup({ id, actor: actorOf(principal), sourceIp });
    revalidatePath("/groups");

    return { id, name: "" };
  },
  { path: "/groups" },
);

export async function createGroupAction(previous: GroupFormState, formData: FormData): Promise<GroupFormState> {
  return create(previous, formData);
}

export async function updateGroupAction(previous: GroupFormState, formData: FormData): Promise<GroupFormState> {
  return update(previous, formData);
}

export async function deleteGroupAction(previous: GroupFormState, formData: FormData): Promise<GroupFormState> {
  const state = await remove(previous, formData);
  if (state.status === "ok") redirect("/groups");

  return state;
}
