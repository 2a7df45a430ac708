// The one exponential backoff of ktizo, used by the webhook outbox (lib/domain/webhooks/backoff.ts),
// by the worker's dnsmasq restarts (worker/failure-tracker.ts) and by the cluster jobs (Talos node polls,
// bootstrap retries; worker/cluster-health, lib/services/cluster): the delay after the n-th
// consecutive failure is baseMs · factor^(n-1), capped at capMs, stretched by up to +20 % of jitter
// so that many retries that failed together do not all come back at the same instant.
export type ExponentialBackoff = { baseMs: number; factor: number; capMs: number };

type DelayOptions = { failures: number; backoff: ExponentialBackoff; jitter?: number };

// `failures` ≥ 1 already happened; `jitter` in [0, 1).
export const backoffDelayMs = ({ failures, backoff, jitter = 0 }: DelayOptions): number => {
  const exponent = Math.max(0, failures - 1);
  const delay = Math.min(backoff.capMs, backoff.baseMs * backoff.factor ** exponent);

  return Math.round(delay * (1 + 0.2 * jitter));
};
