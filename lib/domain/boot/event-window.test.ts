import { describe, expect, it } from "vitest";
import { createEventWindow } from "@/lib/domain/boot/event-window";

type Step = [key: string, group: string, now: number];

const run = (steps: Step[], limits = { windowMs: 60_000, budget: 3, maxKeys: 100 }) => {
  const window = createEventWindow(limits);

  return steps.map(([key, group, now]) => window.admit({ key, group, now }));
};

describe("createEventWindow", () => {
  it.each<[string, Step[], boolean[]]>([
    ["one key is recorded once per window", [["a", "g", 0], ["a", "g", 1], ["a", "g", 59_999], ["a", "g", 60_000]], [true, false, false, true]],
    ["distinct keys are each recorded", [["a", "g", 0], ["b", "g", 0], ["c", "g", 0]], [true, true, true]],
    ["the group budget caps distinct keys per window", [["a", "g", 0], ["b", "g", 1], ["c", "g", 2], ["d", "g", 3], ["e", "g", 60_000]], [true, true, true, false, true]],
    ["groups have their own budgets", [["a", "g", 0], ["b", "g", 0], ["c", "g", 0], ["d", "h", 0]], [true, true, true, true]],
    ["a clock going backwards starts a new window", [["a", "g", 10_000], ["a", "g", 5_000]], [true, true]],
  ])("%s", (_name, steps, expected) => {
    expect(run(steps).map((admission) => admission.record)).toEqual(expected);
  });

  it("the next recorded event of a key says how many repeats were not recorded", () => {
    const results = run([["a", "g", 0], ["a", "g", 1], ["a", "g", 2], ["a", "g", 60_000], ["a", "g", 120_000]]);
    expect(results.map((admission) => admission.repeats)).toEqual([0, 1, 2, 2, 0]);
  });

  it("the next recorded event of a group says how many events the budget dropped since its last one", () => {
    const results = run([["a", "g", 0], ["b", "g", 1], ["c", "g", 2], ["d", "g", 3], ["e", "g", 4], ["d", "g", 5], ["x", "h", 6], ["f", "g", 60_000], ["g", "g", 60_001], ["h", "g", 180_000]]);
    expect(results.map((admission) => [admission.record, admission.dropped])).toEqual([
      [true, 0], [true, 0], [true, 0], [false, 0], [false, 0], [false, 0], [true, 0], [true, 3], [true, 0], [true, 0],
    ]);
  });

  it.each([
    [10, 1_000],
    [50, 5_000],
  ])("tracks at most maxKeys=%d keys under %d distinct ones (the budget bounds the records)", (maxKeys, distinct) => {
    const window = createEventWindow({ windowMs: 60_000, budget: 20, maxKeys });
    const recorded = Array.from({ length: distinct }, (_, i) => window.admit({ key: `k${i}`, group: "g", now: i })).filter((a) => a.record).length;
    expect(recorded).toBe(20);
  });

  it("clear starts every key and budget afresh", () => {
    const window = createEventWindow({ windowMs: 60_000, budget: 1, maxKeys: 10 });
    expect(window.admit({ key: "a", group: "g", now: 0 }).record).toBe(true);
    expect(window.admit({ key: "b", group: "g", now: 0 }).record).toBe(false);
    window.clear();
    expect(window.admit({ key: "a", group: "g", now: 0 }).record).toBe(true);
  });
});
