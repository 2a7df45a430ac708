import { backoffDelayMs } from "@/lib/domain/backoff";

// Counts dnsmasq failures (crashes and failed restarts) inside a sliding window. Pure: time is passed in.
export type BackoffPolicy = { baseMs: number; maxMs: number; maxFailures: number; windowMs: number };
export type FailureVerdict = { count: number; giveUp: boolean; delayMs: number };

export type FailureTracker = {
  record: (now: number) => FailureVerdict;
  reset: () => void;
};

export const createFailureTracker = ({ baseMs, maxMs, maxFailures, windowMs }: BackoffPolicy): FailureTracker => {
  let failures: number[] = [];

  return {
    record: (now) => {
      failures = [...failures.filter((at) => now - at < windowMs), now];
      const count = failures.length;
      // Exponential: a crash loop costs little CPU, a one-off crash is back within baseMs.
      const delayMs = backoffDelayMs({ failures: count, backoff: { baseMs, factor: 2, capMs: maxMs } });

      return { count, giveUp: count >= maxFailures, delayMs };
    },
    reset: () => {
      failures = [];
    },
  };
};
