import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "@/lib/domain/backoff";

const backoff = { baseMs: 1_000, factor: 2, capMs: 30_000 };

describe("backoffDelayMs", () => {
  it.each([
    [1, 0, 1_000],
    [2, 0, 2_000],
    [3, 0, 4_000],
    [5, 0, 16_000],
    [6, 0, 30_000],
    [40, 0, 30_000],
    [0, 0, 1_000],
    [1, 0.5, 1_100],
    [3, 0.999, 4_799],
    [6, 0.5, 33_000],
  ])("after %i failure(s) with jitter %f waits %i ms", (failures, jitter, expected) => {
    expect(backoffDelayMs({ failures, backoff, jitter })).toBe(expected);
  });

  it("uses the factor it is given", () => {
    expect(backoffDelayMs({ failures: 3, backoff: { ...backoff, factor: 3 } })).toBe(9_000);
  });

  // As the cluster jobs call it (node polls, bootstrap retries): doubling, no jitter.
  it.each([
    [1, 1000, 60000, 1000],
    [2, 1000, 60000, 2000],
    [4, 1000, 60000, 8000],
    [7, 1000, 60000, 60000],
    [500, 1000, 60000, 60000],
    [5000, 1000, 60000, 60000],
  ])("failure %i (base %i, cap %i, factor 2) waits %i ms", (failures, baseMs, capMs, expected) => {
    expect(backoffDelayMs({ failures, backoff: { baseMs, factor: 2, capMs } })).toBe(expected);
  });
});
