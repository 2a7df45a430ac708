import { deleteDeadBootTokens } from "@/lib/data/boot-tokens";
import { deleteEventsBefore } from "@/lib/data/events";
import { readRetentionDays } from "@/lib/data/retention-settings";
import { deleteDeliveredDeliveriesBefore } from "@/lib/data/webhook-deliveries";
import { recordEvent } from "@/lib/events/record-event";

export type RetentionResult = { events: number; bootTokens: number; webhookDeliveries: number };

const dayMs = 86_400_000;

// Retention (docs/flood-bounds.md): audit events, boot tokens that can never be used again, and
// delivered webhook deliveries older than their setting are deleted. Live tokens, pending or
// failed deliveries, devices and settings are never touched. Run by the worker's retention job;
// what it removed is itself an event (written after the event cleanup, so it survives it).
export const applyRetention = async ({ now = new Date() }: { now?: Date } = {}): Promise<RetentionResult> => {
  const days = await readRetentionDays();
  const before = (keepDays: number) => new Date(now.getTime() - keepDays * dayMs);
  const events = await deleteEventsBefore(before(days.eventRetentionDays));
  const bootTokens = await deleteDeadBootTokens(before(days.tokenRetentionDays));
  const webhookDeliveries = await deleteDeliveredDeliveriesBefore(before(days.deliveryRetentionDays));
  const result = { events, bootTokens, webhookDeliveries };
  if (events + bootTokens + webhookDeliveries > 0) {
    await recordEvent({ type: "retention.applied", actor: { type: "system", name: "worker" }, details: { deleted: result, ...days } });
  }

  return result;
};
