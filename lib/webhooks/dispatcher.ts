import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { claimDueDeliveries, findDeliveryToSend, releaseDeliveries, markAttemptFailed, markDelivered, markDeliveryFailed } from "@/lib/data/webhook-deliveries";
import { backoffPolicy, nextStepAfterFailure, type BackoffPolicy } from "@/lib/domain/webhooks/backoff";
import { countWebhookDelivery } from "@/lib/metrics/count";
import { byWebhookInEventOrder, type AttemptResult } from "@/lib/webhooks/delivery-queues";
import { postDelivery } from "@/lib/webhooks/post-delivery";

export type DispatcherOptions = {
  now?: () => Date;
  timeoutMs?: number;
  batchSize?: number;
  policy?: BackoffPolicy;
  fetchImpl?: typeof fetch;
  // Retries of many deliveries that failed together are spread out; tests pass () => 0.
  jitter?: () => number;
};

// `errors`: attempts that ended in an unexpected error (not an answer of the receiver): the worker's
// webhooks job reports them as its failure, with their cause.
export type TickResult = { claimed: number; delivered: number; retrying: number; failed: number; errors: string[] };

export type WebhookDispatcher = { runOnce: (ids?: string[]) => Promise<TickResult> };

// Delivers the outbox: claim due rows, POST each (signed, with a timeout), record the outcome,
// schedule a retry with exponential backoff or give up after the last attempt. All state lives in
// the database, so a new dispatcher (after a restart) continues where the old one stopped. The
// worker's webhooks job (worker/jobs/webhooks-job.ts) runs it every second and on any commit.
export const createWebhookDispatcher = (options: DispatcherOptions = {}): WebhookDispatcher => {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = options.policy ?? backoffPolicy;
  const jitter = options.jitter ?? Math.random;
  // The lease outlives the request timeout, so a slow attempt is never claimed twice; a webhook's
  // queue starts no attempt that could outlast it (see tick).
  const leaseMs = timeoutMs + 30_000;
  let running: Promise<TickResult> | null = null;

  const deliverOne = async (id: string): Promise<AttemptResult> => {
    const delivery = await findDeliveryToSend(id);
    if (!delivery) return { outcome: "failed", retryAt: null };
    const attemptAt = now();
    if (!delivery.webhook.enabled) {
      await markDeliveryFailed({ id, error: "webhook is disabled" });

      return { outcome: "failed", retryAt: null };
    }
    const unsealed = await decryptSecret("webhook.secret", delivery.webhook.secretEnc).then(
      (secret) => ({ secret }),
      (error: unknown) => ({ error }),
    );
    if ("error" in unsealed) {
      // A secret that does not decrypt now (the secret key changed, or the envelope is damaged) will
      // not decrypt on the next attempt either: give the delivery up with the cause, never retry it.
      const cause = `webhook secret does not decrypt: ${unsealed.error instanceof Error ? unsealed.error.message : String(unsealed.error)}`;
      console.error(`[webhooks] delivery ${id} failed: ${cause}`);
      await markDeliveryFailed({ id, error: cause.slice(0, 500) });

      return { outcome: "failed", retryAt: null };
    }
    const { secret } = unsealed;
    const result = await postDelivery({ url: delivery.webhook.url, secret, deliveryId: id, event: delivery.event, body: delivery.payload, now: attemptAt, timeoutMs, fetchImpl: options.fetchImpl });
    const attempts = delivery.attempts + 1;
    if (result.ok) {
      await markDelivered({ id, attempts, statusCode: result.statusCode, at: attemptAt });

      return { outcome: "delivered", retryAt: null };
    }
    const step = nextStepAfterFailure({ attempts, now: attemptAt, policy, jitter: jitter() });
    await markAttemptFailed({ id, attempts, statusCode: result.statusCode, error: result.error, retryAt: step.kind === "retry" ? step.at : null });

    return step.kind === "retry" ? { outcome: "retry", retryAt: step.at } : { outcome: "failed", retryAt: null };
  };

  const tick = async (ids?: string[]): Promise<TickResult> => {
    const claimed = await claimDueDeliveries({ now: now(), leaseMs, limit: options.batchSize ?? 20, ids });
    // An unexpected error (the database went away mid-attempt) leaves the row claimed: it is due again
    // when the lease ends. It is logged with its cause, never dropped silently.
    const errors: string[] = [];
    const attempt = (id: string): Promise<AttemptResult> =>
      deliverOne(id).catch((error: unknown) => {
        console.error(`[webhooks] delivery ${id}: attempt failed, retrying after the lease`, error);
        errors.push(`delivery ${id}: ${error instanceof Error ? error.message : String(error)}`);

        return { outcome: "retry", retryAt: null };
      });
    // Each receiver gets its deliveries one after another, in the order their events happened (a
    // node.ready before the cluster.healthy it led to); different receivers are served side by
    // side (docs/rules-groups-webhooks.md). When one is not delivered, the rest of its queue waits
    // behind it (released to its retry time), so order holds; so does a queue that has used up the
    // part of the lease in which a new attempt still ends in time.
    const startedAt = Date.now();
    const queues = byWebhookInEventOrder(claimed).map(async (queue) => {
      const outcomes: AttemptResult["outcome"][] = [];
      for (const [index, delivery] of queue.entries()) {
        const result = await attempt(delivery.id);
        outcomes.push(result.outcome);
        const rest = queue.slice(index + 1);
        const outOfTime = Date.now() - startedAt > leaseMs - timeoutMs - 5_000;
        if (rest.length > 0 && (result.outcome !== "delivered" || outOfTime)) {
          await releaseDeliveries({ ids: rest.map((next) => next.id), leaseUntil: delivery.leaseUntil, at: result.retryAt ?? (result.outcome === "retry" ? delivery.leaseUntil : now()) });
          break;
        }
      }

      return outcomes;
    });
    const outcomes = (await Promise.all(queues)).flat();
    outcomes.forEach(countWebhookDelivery);

    return {
      claimed: claimed.length,
      delivered: outcomes.filter((outcome) => outcome === "delivered").length,
      retrying: outcomes.filter((outcome) => outcome === "retry").length,
      failed: outcomes.filter((outcome) => outcome === "failed").length,
      errors,
    };
  };

  // One tick at a time per dispatcher; a caller arriving mid-tick waits for it, then runs its own.
  const runOnce = async (ids?: string[]): Promise<TickResult> => {
    while (running) await running.catch(() => undefined);
    running = tick(ids);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  return { runOnce };
};
