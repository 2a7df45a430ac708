import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { removeWebhook } from "@/lib/data/webhooks";
import { recordEvent } from "@/lib/events/record-event";
import { getWebhookOrThrow } from "./get-webhook-or-throw";

type DeleteWebhookOptions = { id: string; actor: Actor; sourceIp: string | null };

// Its outbox rows go with it (cascade): nothing is sent to a webhook that no longer exists.
export const deleteWebhook = async ({ id, actor, sourceIp }: DeleteWebhookOptions): Promise<void> => {
  const webhook = await getWebhookOrThrow(id);
  await inTransaction(async (tx) => {
    await removeWebhook({ id, db: tx });
    await recordEvent({ type: "webhook.deleted", actor, sourceIp, details: { webhookId: id, name: webhook.name } }, tx);
  });
};
