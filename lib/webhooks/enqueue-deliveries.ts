import type { Db } from "@/lib/data/db";
import { findDeviceSummary, findDeviceSummaryNow, type DeviceSummary } from "@/lib/data/devices";
import { insertDeliveries, insertDeliveriesNow } from "@/lib/data/webhook-deliveries";
import { listWebhookSubscriptions, listWebhookSubscriptionsNow } from "@/lib/data/webhooks";
import type { StoredEvent } from "@/lib/data/events";
import type { NowTx } from "@/lib/data/write-now";
import { buildPayload, isWebhookEventType, subscribedTo } from "@/lib/domain/webhooks/payload";

type EnqueueOptions = { event: StoredEvent; tx?: Db };

// Which enabled webhooks an event goes to (none for a type webhooks cannot subscribe to).
const targetsOf = (event: StoredEvent, webhooks: { id: string; events: string[] }[]): string[] =>
  isWebhookEventType(event.type) ? webhooks.filter((webhook) => subscribedTo(event.type, webhook.events)).map((webhook) => webhook.id) : [];

// The outbox rows of one event for its targets: one payload, due when the event happened.
const outboxOf = (event: StoredEvent, webhookIds: string[], device: DeviceSummary | null) => ({
  webhookIds,
  event: event.type,
  payload: JSON.stringify(
    buildPayload({
      event: event.type,
      eventId: event.id,
      occurredAt: event.createdAt,
      actor: { type: event.actorType, name: event.actorName },
      device,
      details: event.details,
    }),
  ),
  at: event.createdAt,
});

// The outbox write of the durable webhook queue: one WebhookDelivery per enabled, subscribed
// webhook, in the transaction that records the event, so a delivery exists exactly when its event
// does. The dispatcher (lib/webhooks/dispatcher.ts, run by the worker) sends them later, across
// restarts; the commit itself wakes it (SQLite's data_version, lib/data/change-signal.ts).
export const enqueueWebhookDeliveries = async ({ event, tx }: EnqueueOptions): Promise<number> => {
  if (!isWebhookEventType(event.type)) return 0;
  const targets = targetsOf(event, await listWebhookSubscriptions(tx));
  if (targets.length === 0) return 0;
  const device = event.deviceId ? await findDeviceSummary({ id: event.deviceId, db: tx }) : null;
  await insertDeliveries({ ...outboxOf(event, targets, device), db: tx });

  return targets.length;
};

// The same outbox write inside a synchronous write transaction (lib/data/write-now.ts).
export const enqueueWebhookDeliveriesNow = ({ event, tx }: { event: StoredEvent; tx: NowTx }): number => {
  if (!isWebhookEventType(event.type)) return 0;
  const targets = targetsOf(event, listWebhookSubscriptionsNow(tx));
  if (targets.length === 0) return 0;
  const device = event.deviceId ? findDeviceSummaryNow({ id: event.deviceId, tx }) : null;
  insertDeliveriesNow({ ...outboxOf(event, targets, device), tx });

  return targets.length;
};
