import { createWebhookDispatcher, type TickResult } from "@/lib/services/webhooks";
import type { Job, Trigger } from "@/worker/jobs/job-runner";

export type DeliveryTotals = { delivered: number; retry: number; failed: number };
export type WebhooksJob = Job & { totals: () => DeliveryTotals };

// Delivers the webhook outbox (lib/webhooks/dispatcher.ts): every second, and on any database
// commit (a new delivery row from any web process). A receiver's refusal is the delivery's outcome
// (retried with backoff, or given up with its cause on the delivery log), counted in
// ktizo_webhook_deliveries_total; an unexpected error (the database, a bug) fails the run.
export const webhooksJob = ({ trigger, intervalMs = 1_000, dispatch }: { trigger?: Trigger; intervalMs?: number; dispatch?: () => Promise<TickResult> }): WebhooksJob => {
  const runOnce = dispatch ?? createWebhookDispatcher().runOnce;
  const totals: DeliveryTotals = { delivered: 0, retry: 0, failed: 0 };

  return {
    name: "webhooks",
    intervalMs,
    trigger,
    totals: () => ({ ...totals }),
    run: async () => {
      const result = await runOnce();
      totals.delivered += result.delivered;
      totals.retry += result.retrying;
      totals.failed += result.failed;
      if (result.errors.length > 0) throw new Error(`${result.errors.length} webhook attempt(s) ended in an error: ${result.errors.join("; ").slice(0, 1000)}`);
    },
  };
};
