import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { backoffPolicy, nextStepAfterFailure, type BackoffPolicy } from "@/lib/domain/webhooks/backoff";
import { countWebhookDelivery } from "@/lib/metrics/count";
import { claimDueDeliveries } from "@/lib/webhooks/claim-deliveries";
import { postDelivery } from "@/lib/webhooks/post-delivery";
import { onWebhookWake } from "@/lib/webhooks/wake";

export type DispatcherOptions = {
  now?: () => Date;
  timeoutMs?: number;
  batchSize?: number;
  intervalMs?: number;
  policy?: BackoffPolicy;
  fetchImpl?: typeof fetch;
  // Retries of many deliveries that failed together are spread out; tests pass () => 0.
  jitter?: () => number;
};

export type TickResult = { claimed: number; delivered: number; retrying: number; failed: number };

export type WebhookDispatcher = {
  runOnce: (ids?: string[]) => Promise<TickResult>;
  start: () => void;
  stop: () => Promise<void>;
};

// Delivers the outbox: claim due rows, POST each (signed, with a timeout), record the outcome,
// schedule a retry with exponential backoff or give up after the last attempt. All state lives in
// the database, so a new dispatcher (after a restart) continues where the old one stopped.
export const createWebhookDispatcher = (options: DispatcherOptions = {}): WebhookDispatcher => {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = options.policy ?? backoffPolicy;
  const jitter = options.jitter ?? Math.random;
  // The lease outlives the request timeout, so a slow attempt is never claimed twice.
  const leaseMs = timeoutMs + 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickResult> | null = null;
  let unsubscribe: (() => void) | null = null;

  const deliverOne = async (id: string): Promise<"delivered" | "retry" | "failed"> => {
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
    if (!delivery) return "failed";
    const attemptAt = now();
    if (!delivery.webhook.enabled) {
      await prisma.webhookDelivery.update({ where: { id }, data: { status: "failed", lastError: "webhook is disabled" } });

      return "failed";
    }
    const secret = await decryptSecret("webhook.secret", delivery.webhook.secretEnc);
    const result = await postDelivery({ url: delivery.webhook.url, secret, deliveryId: id, event: delivery.event, body: delivery.payload, now: attemptAt, timeoutMs, fetchImpl: options.fetchImpl });
    const attempts = delivery.attempts + 1;
    if (result.ok) {
      await prisma.webhookDelivery.update({ where: { id }, data: { status: "delivered", attempts, lastStatusCode: result.statusCode, lastError: null, deliveredAt: attemptAt } });

      return "delivered";
    }
    const step = nextStepAfterFailure({ attempts, now: attemptAt, policy, jitter: jitter() });
    await prisma.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(step.kind === "retry" ? { nextAttemptAt: step.at } : { status: "failed" }),
      },
    });

    return step.kind === "retry" ? "retry" : "failed";
  };

  const tick = async (ids?: string[]): Promise<TickResult> => {
    const claimed = await claimDueDeliveries({ now: now(), leaseMs, limit: options.batchSize ?? 20, ids });
    const outcomes = await Promise.all(claimed.map((id) => deliverOne(id).catch(() => "retry" as const)));
    outcomes.forEach(countWebhookDelivery);

    return {
      claimed: claimed.length,
      delivered: outcomes.filter((outcome) => outcome === "delivered").length,
      retrying: outcomes.filter((outcome) => outcome === "retry").length,
      failed: outcomes.filter((outcome) => outcome === "failed").length,
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

  const loop = () => {
    void runOnce()
      .catch((error: unknown) => console.error("[webhooks] dispatch failed", error))
      .finally(() => {
        if (timer) timer = setTimeout(loop, options.intervalMs ?? 1_000);
      });
  };

  return {
    runOnce,
    start: () => {
      if (timer) return;
      timer = setTimeout(loop, 0);
      unsubscribe = onWebhookWake(() => {
        if (!running) void runOnce().catch(() => undefined);
      });
    },
    stop: async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe?.();
      await running?.catch(() => undefined);
    },
  };
};
