import { describe, expect, it } from "vitest";
import { backoffPolicy, nextStepAfterFailure, retryDelayMs } from "@/lib/domain/webhooks/backoff";

describe("retryDelayMs", () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [6, 320_000],
    [9, 2_560_000],
    [10, 3_600_000],
    [50, 3_600_000],
  ])("after %i failed attempts waits %i ms", (attempts, expected) => {
    expect(retryDelayMs(attempts)).toBe(expected);
  });

  it("grows strictly until the cap", () => {
    const delays = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1));
    delays.slice(1).forEach((delay, i) => expect(delay).toBeGreaterThan(delays[i]!));
  });

  it("adds at most 20 % jitter", () => {
    expect(retryDelayMs(1, backoffPolicy, 0.999)).toBeLessThanOrEqual(12_000);
    expect(retryDelayMs(1, backoffPolicy, 0.5)).toBe(11_000);
  });
});

describe("nextStepAfterFailure", () => {
  const now = new Date("2026-11-29T12:00:00Z");

  it("retries with the delay and gives up after the last attempt", () => {
    expect(nextStepAfterFailure({ attempts: 1, now })).toEqual({ kind: "retry", at: new Date("2026-11-29T12:00:10Z") });
    expect(nextStepAfterFailure({ attempts: backoffPolicy.maxAttempts - 1, now }).kind).toBe("retry");
    expect(nextStepAfterFailure({ attempts: backoffPolicy.maxAttempts, now })).toEqual({ kind: "give_up" });
  });
});
