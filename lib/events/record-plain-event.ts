import { insertEventRaw } from "@/lib/data/events";
import { isWebhookEventType } from "@/lib/domain/webhooks/payload";
import { newEventOf, recordEvent, type RecordEventInput } from "@/lib/events/record-event";

// For the machine-facing hot path (boot.script_served on every Talos script): an event that no
// webhook subscribes to and no metric observes is exactly one Event row, written with one raw
// INSERT instead of the ORM create. Any other type goes through recordEvent, the one way to write
// the audit log with its side effects.
export const recordPlainEvent = async (input: RecordEventInput): Promise<void> => {
  // device.approved, the one type metrics observe, is a webhook type too.
  if (isWebhookEventType(input.type)) return recordEvent(input);
  await insertEventRaw(newEventOf(input));
};
