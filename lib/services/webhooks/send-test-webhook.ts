import type { Actor } from "@/lib/auth/principal";
import { findDelivery, insertDelivery } from "@/lib/data/webhook-deliveries";
import { AppError } from "@/lib/domain/errors";
import { buildPayload, webhookTestEvent } from "@/lib/domain/webhooks/payload";
import type { DeliveryJson } from "@/lib/schemas/webhook";
import { createWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { getWebhookOrThrow } from "./get-webhook-or-throw";

type SendTestOptions = { id: string; actor: Actor };

// "Send test": a webhook.test delivery goes through the outbox like any other and is attempted at
// once, so the answer shows the receiver's status code; a failure retries on the normal schedule.
export const sendTestWebhook = async ({ id, actor }: SendTestOptions): Promise<DeliveryJson> => {
  await getWebhookOrThrow(id);
  const now = new Date();
  const payload = buildPayload({ event: webhookTestEvent, eventId: `test-${now.getTime()}`, occurredAt: now, actor, details: { message: "test delivery from ktizo" } });
  const deliveryId = await insertDelivery({ webhookId: id, event: webhookTestEvent, payload: JSON.stringify(payload), at: now });
  await createWebhookDispatcher({ timeoutMs: 5_000 }).runOnce([deliveryId]);
  const delivery = await findDelivery(deliveryId);
  // Only a concurrent delete of the webhook (which cascades to its deliveries) gets here.
  if (!delivery) throw new AppError("not_found", `webhook ${id} not found`);

  return delivery;
};
