import type { Db, Tx } from "@/lib/db/client";
import { buildPayload, isWebhookEventType, subscribedTo } from "@/lib/domain/webhooks/payload";
import type { Event } from "@/lib/generated/prisma/client";
import { parseStringList } from "@/lib/services/webhooks";
import { wakeWebhookDispatcher } from "@/lib/webhooks/wake";

type EnqueueOptions = { event: Event; tx: Tx | Db };

const parseDetails = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);

    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

// The outbox write of the durable webhook queue: one WebhookDelivery per enabled, subscribed
// webhook, in the transaction that records the event, so a delivery exists exactly when its event
// does. The dispatcher (lib/webhooks/dispatcher.ts) sends them later, across restarts.
export const enqueueWebhookDeliveries = async ({ event, tx }: EnqueueOptions): Promise<number> => {
  if (!isWebhookEventType(event.type)) return 0;
  const webhooks = await tx.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } });
  const targets = webhooks.filter((webhook) => subscribedTo(event.type, parseStringList(webhook.events)));
  if (targets.length === 0) return 0;
  const device = event.deviceId
    ? await tx.device.findUnique({
        where: { id: event.deviceId },
        select: { id: true, mac: true, hostname: true, ipAddress: true, status: true, role: true },
      })
    : null;
  const payload = JSON.stringify(
    buildPayload({
      event: event.type,
      eventId: event.id,
      occurredAt: event.createdAt,
      actor: { type: event.actorType, name: event.actorName },
      device,
      details: parseDetails(event.details),
    }),
  );
  await tx.webhookDelivery.createMany({
    data: targets.map((webhook) => ({ webhookId: webhook.id, event: event.type, payload, nextAttemptAt: event.createdAt })),
  });
  wakeWebhookDispatcher();

  return targets.length;
};
