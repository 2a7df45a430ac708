import { prisma } from "@/lib/db/client";
import { buildPayload, webhookTestEvent } from "@/lib/domain/webhooks/payload";
import type { Actor } from "@/lib/auth/principal";
import type { DeliveryJson } from "@/lib/schemas/webhook";
import { getWebhookOrThrow } from "./get-webhook-or-throw";
import { deliveryJson } from "./webhook-json";
import { createWebhookDispatcher } from "@/lib/webhooks/dispatcher";

type SendTestOptions = { id: string; actor: Actor };

// "Send test": a webhook.test delivery goes through the outbox like any other and is attempted at
// once, so the answer shows the receiver's status code; a failure retries on the normal schedule.
export const sendTestWebhook = async ({ id, actor }: SendTestOptions): Promise<DeliveryJson> => {
  await getWebhookOrThrow(id);
  const now = new Date();
  const payload = buildPayload({ event: webhookTestEvent, eventId: `test-${now.getTime()}`, occurredAt: now, actor, details: { message: "test delivery from ktizo" } });
  const delivery = await prisma.webhookDelivery.create({
    data: { webhookId: id, event: webhookTestEvent, payload: JSON.stringify(payload), nextAttemptAt: now },
  });
  await createWebhookDispatcher({ timeoutMs: 5_000 }).runOnce([delivery.id]);

  return deliveryJson(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }));
};
