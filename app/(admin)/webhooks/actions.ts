"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf } from "@/lib/auth/principal";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { idSchema } from "@/lib/schemas/common-fields";
import { webhookFormSchema } from "@/lib/schemas/webhook";
import { createWebhook } from "@/lib/services/webhooks";
import { deleteWebhook } from "@/lib/services/webhooks";
import { sendTestWebhook } from "@/lib/services/webhooks";
import { updateWebhook } from "@/lib/services/webhooks";

// `secret` travels to the browser in this answer only (create, rotation).
export type WebhookResult = { id: string; name: string; secret: string | null; message?: string };
type WebhookFormState = ActionState<Record<string, unknown>, WebhookResult>;
const idOnly = z.object({ id: idSchema });

const create = formAction(
  webhookFormSchema,
  async (input, { principal, sourceIp }): Promise<WebhookResult> => {
    const { webhook, secret } = await createWebhook({ input, actor: actorOf(principal), sourceIp });
    revalidatePath("/webhooks");

    return { id: webhook.id, name: webhook.name, secret };
  },
  { path: "/webhooks" },
);

const update = formAction(
  z.looseObject({ id: idSchema }),
  async ({ id, rotateSecret, ...fields }, { principal, sourceIp }): Promise<WebhookResult> => {
    const { secret: given, ...input } = webhookFormSchema.parse(fields);
    const { webhook, secret } = await updateWebhook({ id, input: { ...input, secret: given, rotateSecret: rotateSecret === "on" }, actor: actorOf(principal), sourceIp });
    revalidatePath(`/webhooks/${id}`);

    return { id, name: webhook.name, secret };
  },
  { path: "/webhooks" },
);

const test = formAction(
  idOnly,
  async ({ id }, { principal }): Promise<WebhookResult> => {
    const delivery = await sendTestWebhook({ id, actor: actorOf(principal) });
    revalidatePath(`/webhooks/${id}`);
    const outcome = delivery.status === "delivered" ? `delivered (HTTP ${delivery.lastStatusCode})` : `failed: ${delivery.lastError ?? "unknown error"}; retrying`;

    return { id, name: "", secret: null, message: `Test ${outcome}` };
  },
  { path: "/webhooks" },
);

const remove = formAction(
  idOnly,
  async ({ id }, { principal, sourceIp }): Promise<WebhookResult> => {
    await deleteWebhook({ id, actor: actorOf(principal), sourceIp });
    revalidatePath("/webhooks");

    return { id, name: "", secret: null };
  },
  { path: "/webhooks" },
);

export async function createWebhookAction(previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  return create(previous, formData);
}

export async function updateWebhookAction(previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  return update(previous, formData);
}

export async function testWebhookAction(previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  return test(previous, formData);
}

export async function deleteWebhookAction(previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const state = await remove(previous, formData);
  if (state.status === "ok") redirect("/webhooks");

  return state;
}
