import { writeNow } from "@/lib/data/write-now";
import { recordEventNow, type RecordEventInput } from "@/lib/events/record-event";

// For the machine-facing hot path: one event (with its webhook outbox rows and metric, as
// recordEvent writes them) in one short synchronous write transaction of prepared statements
// (lib/data/write-now.ts), not the ORM's interactive transaction (milliseconds of CPU per request).
export const recordPlainEvent = async (input: RecordEventInput): Promise<void> => {
  await writeNow((tx) => {
    recordEventNow(input, tx);
  });
};
