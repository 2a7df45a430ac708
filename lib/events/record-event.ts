import { inTransaction, type Tx } from "@/lib/data/db";
import { insertEvent, insertEventNow, type NewEvent, type StoredEvent } from "@/lib/data/events";
import type { NowTx } from "@/lib/data/write-now";
import type { Actor } from "@/lib/auth/principal";
import type { EventType } from "@/lib/domain/event-types";
import { isWebhookEventType } from "@/lib/domain/webhooks/payload";
import { observeEventMetrics, observeEventMetricsNow } from "@/lib/metrics/observe-event";
import { enqueueWebhookDeliveries, enqueueWebhookDeliveriesNow } from "@/lib/webhooks/enqueue-deliveries";

export type RecordEventInput = {
  type: EventType;
  actor: Actor;
  sourceIp?: string | null;
  deviceId?: string | null;
  details?: Record<string, unknown>;
};

// The one way to write the audit log. Pass `tx` to record inside a caller's transaction, so the
// event commits (or rolls back) with the change it describes.
export const recordEvent = async (input: RecordEventInput, tx?: Tx): Promise<void> => {
  // Events webhooks subscribe to get their outbox rows in the same transaction (docs/rules-groups-webhooks.md, the outbox).
  if (!tx && isWebhookEventType(input.type)) return inTransaction((own) => recordEvent(input, own));
  const event = await insertEvent({ event: newEventOf(input), db: tx });
  await enqueueWebhookDeliveries({ event, tx });
  await observeEventMetrics({ event, tx });
};

// The same recording, step for step with the same functions, inside a synchronous write transaction
// (lib/data/write-now.ts): for the machine-facing hot path, where the ORM's interactive transaction
// costs milliseconds of CPU per request. There is no "own transaction" form: the caller's `tx` is required.
export const recordEventNow = (input: RecordEventInput, tx: NowTx): StoredEvent => {
  const event = insertEventNow({ event: newEventOf(input), tx });
  enqueueWebhookDeliveriesNow({ event, tx });
  observeEventMetricsNow({ event, tx });

  return event;
};

// The columns of an Event row, from what a caller records.
export const newEventOf = (input: RecordEventInput): NewEvent => ({
  type: input.type,
  actorType: input.actor.type,
  actorId: input.actor.id ?? null,
  actorName: input.actor.name ?? null,
  sourceIp: input.sourceIp ?? null,
  deviceId: input.deviceId ?? null,
  details: input.details ?? {},
});
