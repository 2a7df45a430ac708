import { describe, expect, it } from "vitest";
import { createJobRunner } from "@/worker/jobs/job-runner";
import { createLogger } from "@/worker/logger";

const quietLog = () => {
  const lines: string[] = [];

  return { lines, log: createLogger("test", (line) => lines.push(line)) };
};

const waitFor = async (check: () => boolean, ms = 2000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("createJobRunner", () => {
  it("runs each job at start and then every interval; stop ends it", async () => {
    const { log } = quietLog();
    let runs = 0;
    const runner = createJobRunner({ jobs: [{ name: "tick", intervalMs: 20, run: async () => void (runs += 1) }], log });
    runner.start();
    await waitFor(() => runs >= 3);
    await runner.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toBe(after);
    expect(runner.stats()).toEqual([{ name: "tick", runs: after, failures: 0, lastError: null, running: false }]);
  });

  it("logs a failure with its cause, counts it, and keeps running the job", async () => {
    const { lines, log } = quietLog();
    let calls = 0;
    const runner = createJobRunner({
      jobs: [{ name: "flaky", intervalMs: 10, run: async () => { calls += 1; if (calls === 1) throw new Error("disk is full"); } }],
      log,
    });
    runner.start();
    await waitFor(() => calls >= 3);
    await runner.stop();
    const [stats] = runner.stats();
    expect(stats).toMatchObject({ name: "flaky", failures: 1, lastError: "disk is full" });
    expect(stats!.runs).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => line.includes("job flaky failed") && line.includes("disk is full"))).toBe(true);
  });

  it("never overlaps two runs of one job", async () => {
    const { log } = quietLog();
    let active = 0;
    let maxActive = 0;
    const runner = createJobRunner({
      jobs: [{ name: "slow", intervalMs: 1000, run: async () => { active += 1; maxActive = Math.max(maxActive, active); await new Promise((r) => setTimeout(r, 30)); active -= 1; } }],
      log,
    });
    await Promise.all([runner.runNow("slow"), runner.runNow("slow"), runner.runNow("slow")]);
    expect(maxActive).toBe(1);
    await expect(runner.runNow("missing")).rejects.toThrow(/no job named missing/);
  });
});

describe("triggered jobs", () => {
  it("a trigger runs the job at once; a trigger during a run asks for exactly one more run; stop unsubscribes", async () => {
    const { log } = quietLog();
    let wake: () => void = () => undefined;
    let subscribed = false;
    let runs = 0;
    let release: () => void = () => undefined;
    const runner = createJobRunner({
      jobs: [
        {
          name: "on-change",
          intervalMs: 60_000,
          trigger: (listener) => {
            wake = listener;
            subscribed = true;

            return () => void (subscribed = false);
          },
          run: async () => {
            runs += 1;
            await new Promise<void>((resolve) => (release = resolve));
          },
        },
      ],
      log,
    });
    runner.start();
    await waitFor(() => runs === 1);
    wake();
    wake();
    wake();
    release();
    await waitFor(() => runs === 2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(2);
    wake();
    await waitFor(() => runs === 3);
    release();
    await runner.stop();
    expect(subscribed).toBe(false);
    wake();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(3);
  });

  it("reports each failure to onFailure with the counts", async () => {
    const { log } = quietLog();
    const reported: number[] = [];
    const runner = createJobRunner({ jobs: [{ name: "bad", intervalMs: 60_000, run: async () => { throw new Error("nope"); } }], log, onFailure: (stats) => reported.push(stats.failures) });
    await runner.runNow("bad");
    await runner.runNow("bad");
    expect(reported).toEqual([1, 2]);
  });
});
