import { backoffDelayMs } from "@/lib/domain/backoff";

// Retry schedule of the outbox: exponential from 10 s, capped at one hour, 12 attempts in all
// (about 5.5 hours), which rides out a receiver's restart or a short outage without hammering it.
export const backoffPolicy = { baseMs: 10_000, factor: 2, capMs: 60 * 60_000, maxAttempts: 12 } as const;

export type BackoffPolicy = { baseMs: number; factor: number; capMs: number; maxAttempts: number };

// Delay before attempt `attempts + 1`, given `attempts` already failed (≥ 1). `jitter` in [0, 1)
// spreads retries of many deliveries that failed together by up to +20 %.
export const retryDelayMs = (attempts: number, policy: BackoffPolicy = backoffPolicy, jitter = 0): number =>
  backoffDelayMs({ failures: attempts, backoff: policy, jitter });

export type NextStep = { kind: "retry"; at: Date } | { kind: "give_up" };

type NextStepOptions = { attempts: number; now: Date; policy?: BackoffPolicy; jitter?: number };

export const nextStepAfterFailure = ({ attempts, now, policy = backoffPolicy, jitter = 0 }: NextStepOptions): NextStep =>
  attempts >= policy.maxAttempts
    ? { kind: "give_up" }
    : { kind: "retry", at: new Date(now.getTime() + retryDelayMs(attempts, policy, jitter)) };
