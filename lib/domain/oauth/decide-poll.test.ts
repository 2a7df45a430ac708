import { describe, expect, it } from "vitest";
import { decidePoll, type PollState } from "./decide-poll";

const t0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const state = (over: Partial<PollState>): PollState => ({ interval: 5, lastPollAt: t0, lastPollRepeat: false, lastAnswer: "authorization_pending", ...over });

describe("decidePoll", () => {
  it.each<[string, PollState, number, ReturnType<typeof decidePoll>]>([
    ["first poll", state({ lastPollAt: null }), 0, { kind: "poll" }],
    ["on the interval", state({}), 5000, { kind: "poll" }],
    ["ticker jitter just under the interval", state({}), 4100, { kind: "poll" }],
    ["the x/oauth2 auth-style probe repeat", state({}), 15, { kind: "repeat", answer: "authorization_pending" }],
    ["the probe repeat of a slow_down", state({ lastAnswer: "slow_down" }), 15, { kind: "repeat", answer: "slow_down" }],
    ["a second repeat", state({ lastPollRepeat: true }), 30, { kind: "too-fast", interval: 10 }],
    ["polling every 3 s", state({}), 3000, { kind: "too-fast", interval: 10 }],
    ["after a slow_down, the old interval is too fast", state({ interval: 10 }), 5000, { kind: "too-fast", interval: 15 }],
    ["after a slow_down, the new interval is fine", state({ interval: 10 }), 10_000, { kind: "poll" }],
  ])("%s", (_name, given, ms, expected) => {
    expect(decidePoll(given, at(ms))).toEqual(expected);
  });
});
