import { describe, expect, it } from "vitest";
import { createNodeScheduler } from "./node-scheduler";

describe("createNodeScheduler", () => {
  it("polls every node side by side; a node that never answers holds up only itself and backs off", async () => {
    let clock = 0;
    const polls: string[] = [];
    const never = new Promise<boolean>(() => {});
    const scheduler = createNodeScheduler<{ id: string }>({
      intervalMs: 100,
      backoffMaxMs: 400,
      now: () => clock,
      poll: async (node) => {
        polls.push(node.id);
        if (node.id === "hung") return never;
        return node.id === "up";
      },
    });
    const nodes = [{ id: "up" }, { id: "down" }, { id: "hung" }];
    const expected: Record<string, number[]> = { up: [], down: [], hung: [] };
    for (clock = 0; clock <= 1_000; clock += 50) {
      const before = polls.length;
      scheduler.tick(nodes);
      for (const id of polls.slice(before)) expected[id]!.push(clock);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // up: every 100 ms; down: backoff 100, 200, 400, 400…; hung: once, never again while in flight.
    expect(expected.up).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(expected.down).toEqual([0, 100, 300, 700]);
    expect(expected.hung).toEqual([0]);
    expect(scheduler.failuresOf("down")).toBe(4);
    expect(scheduler.failuresOf("up")).toBe(0);
  });
});
