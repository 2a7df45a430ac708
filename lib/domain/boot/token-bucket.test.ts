import { describe, expect, it } from "vitest";
import { isBucketFull, takeToken, type BucketState } from "@/lib/domain/boot/token-bucket";

const limits = { burst: 3, perMinute: 6 };

const run = (times: number[]): boolean[] => {
  let state: BucketState | undefined;

  return times.map((now) => {
    const result = takeToken({ state, limits, now });
    state = result.state;

    return result.allowed;
  });
};

describe("takeToken", () => {
  it.each([
    ["a full bucket admits the burst, then refuses", [0, 0, 0, 0], [true, true, true, false]],
    ["one token back every 10 s at 6/min", [0, 0, 0, 9_999, 10_000], [true, true, true, false, true]],
    ["refill never exceeds the burst", [0, 0, 0, 3_600_000, 3_600_000, 3_600_000, 3_600_000], [true, true, true, true, true, true, false]],
    ["a clock going backwards refills nothing", [10_000, 10_000, 10_000, 0], [true, true, true, false]],
  ])("%s", (_name, times, expected) => {
    expect(run(times)).toEqual(expected);
  });

  it.each([
    [{ tokens: 0, updatedAt: 0 }, 0, 10],
    [{ tokens: 0.5, updatedAt: 0 }, 0, 5],
    [{ tokens: 0, updatedAt: 0 }, 4_000, 6],
  ])("a refusal says when to retry (%j at %d → %d s)", (state, now, seconds) => {
    expect(takeToken({ state, limits, now })).toMatchObject({ allowed: false, retryAfterSeconds: seconds });
  });

  it.each([
    [{ tokens: 3, updatedAt: 0 }, 0, true],
    [{ tokens: 0, updatedAt: 0 }, 29_999, false],
    [{ tokens: 0, updatedAt: 0 }, 30_000, true],
  ])("isBucketFull(%j, now=%d) → %s", (state, now, full) => {
    expect(isBucketFull({ state, limits, now })).toBe(full);
  });
});
