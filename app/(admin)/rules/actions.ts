"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf } from "@/lib/auth/principal";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { idSchema } from "@/lib/schemas/common-fields";
import { ruleFormSchema } from "@/lib/schemas/rule";
import { createRule } from "@/lib/services/rules";
import { deleteRule } from "@/lib/services/rules";
import { updateRule } from "@/lib/services/rules";

type RuleFormState = ActionState<Record<string, unknown>, { id: string; name: string; warnings: string[] }>;

const create = formAction(
  ruleFormSchema,
  async (input, { principal, sourceIp }) => {
    const rule = await createRule({ input, actor: actorOf(principal), sourceIp });
    revalidatePath("/rules");

    return { id: rule.id, name: rule.name, warnings: rule.warnings };
  },
  { path: "/rules" },
);

// The edit form posts every field, so the whole rule is replaced (empty fields clear).
const update = formAction(
  z.looseObject({ id: idSchema }),
  async ({ id, resetMatchCount, ...fields }, { principal, sourceIp }) => {
    const input = ruleFormSchema.parse(fields);
    const rule = await updateRule({ id, input: { ...input, resetMatchCount: resetMatchCount === "on" }, actor: actorOf(principal), sourceIp });
    revalidatePath("/rules");
    revalidatePath(`/rules/${id}`);

    return { id: rule.id, name: rule.name, warnings: rule.warnings };
  },
  { path: "/rules" },
);

const remove = formAction(
  z.object({ id: idSchema }),
  async ({ id }, { principal, sourceIp }) => {
    await deleteRule({ id, actor: actorOf(principal), sourceIp });
    revalidatePath("/rules");

    return { id, name: "", warnings: [] as string[] };
  },
  { path: "/rules" },
);

export async function createRuleAction(previous: RuleFormState, formData: FormData): Promise<RuleFormState> {
  return create(previous, formData);
}

export async function updateRuleAction(previous: RuleFormState, formData: FormData): Promise<RuleFormState> {
  return update(previous, formData);
}

export async function deleteRuleAction(previous: RuleFormState, formData: FormData): Promise<RuleFormState> {
  const state = await remove(previous, formData);
  // redirect() outside any try/catch: it throws to navigate, and a catch would swallow that
  // (https://nextjs.org/docs/app/api-reference/functions/redirect).
  if (state.status === "ok") redirect("/rules");

  return state;
}
