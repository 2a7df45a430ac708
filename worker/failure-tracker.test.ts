import { describe, expect, it } from "vitest";
import { createFailureTracker } from "@/worker/failure-tracker";

const policy = { baseMs: 200, maxMs: 1_000, maxFailures: 4, windowMs: 60_000 };

describe("createFailureTracker", () => {
  it("doubles the delay per failure in the window, capped, and gives up at maxFailures", () => {
    const tracker = createFailureTracker(policy);
    const verdicts = [0, 1_000, 2_000, 3_000].map((at) => tracker.record(at));

    expect(verdicts).toEqual([
      { count: 1, giveUp: false, delayMs: 200 },
      { count: 2, giveUp: false, delayMs: 400 },
      { count: 3, giveUp: false, delayMs: 800 },
      { count: 4, giveUp: true, delayMs: 1_000 },
    ]);
  });

  it("forgets failures older than the window", () => {
    const tracker = createFailureTracker(policy);
    tracker.record(0);
    tracker.record(1_000);

    expect(tracker.record(61_500)).toEqual({ count: 1, giveUp: false, delayMs: 200 });
  });

  it("starts over after reset (a new config from the admin)", () => {
    const tracker = createFailureTracker(policy);
    [0, 1, 2].forEach((at) => tracker.record(at));
    tracker.reset();

    expect(tracker.record(3).count).toBe(1);
  });
});
