import type { Db } from "@/lib/data/db";
import { findDeviceSummary } from "@/lib/data/devices";
import { insertDeliveries } from "@/lib/data/webhook-deliveries";
import { listWebhookSubscriptions } from "@/lib/data/webhooks";
import type { StoredEvent } from "@/lib/data/events";
import { buildPayload, isWebhookEventType, subscribedTo } from "@/lib/domain/webhooks/payload";

type EnqueueOptions = { event: StoredEvent; tx?: Db };

// The outbox write of the durable webhook queue: one WebhookDelivery per enabled, subscribed
// webhook, in the transaction that records the event, so a delivery exists exactly when its event
// does. The dispatcher (lib/webhooks/dispatcher.ts, run by the worker) sends them later, across
// restarts; the commit itself wakes it (SQLite's data_version, lib/data/change-signal.ts).
export const enqueueWebhookDeliveries = async ({ event, tx }: EnqueueOptions): Promise<number> => {
  if (!isWebhookEventType(event.type)) return 0;
  const webhooks = await listWebhookSubscriptions(tx);
  const targets = webhooks.filter((webhook) => subscribedTo(event.type, webhook.events));
  if (targets.length === 0) return 0;
  const device = event.deviceId ? await findDeviceSummary({ id: event.deviceId, db: tx }) : null;
  const payload = JSON.stringify(
    buildPayload({
      event: event.type,
      eventId: event.id,
      occurredAt: event.createdAt,
      actor: { type: event.actorType, name: event.actorName },
      device,
      details: event.details,
    }),
  );
  await insertDeliveries({ webhookIds: targets.map((webhook) => webhook.id), event: event.type, payload, at: event.createdAt, db: tx });

  return targets.length;
};
