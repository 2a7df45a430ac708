import { describe, expect, it } from "vitest";
import { decideLoginThrottle, loginFailureWindowMs } from "@/lib/domain/login-rate-limit";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("decideLoginThrottle", () => {
  it.each([
    ["no failures", [], { allowed: true }],
    ["4 recent failures", [ago(1), ago(2), ago(3), ago(4)], { allowed: true }],
    ["5 failures, oldest 100 s ago", [ago(10), ago(20), ago(30), ago(40), ago(100)], { allowed: false, retryAfterSeconds: 200 }],
    ["5 failures, one outside the window", [ago(1), ago(2), ago(3), ago(4), ago(301)], { allowed: true }],
    ["7 failures: waits for the 5th newest", [ago(1), ago(2), ago(3), ago(4), ago(50), ago(60), ago(70)], { allowed: false, retryAfterSeconds: 250 }],
    ["unsorted input", [ago(100), ago(10), ago(40), ago(30), ago(20)], { allowed: false, retryAfterSeconds: 200 }],
    ["5 failures just now", [now, now, now, now, now], { allowed: false, retryAfterSeconds: loginFailureWindowMs / 1000 }],
    ["5 failures about to expire", [ago(299.9), ago(299.9), ago(299.9), ago(299.9), ago(299.9)], { allowed: false, retryAfterSeconds: 1 }],
  ] as const)("%s", (_name, failures, expected) => {
    expect(decideLoginThrottle({ failures: [...failures], now })).toEqual(expected);
  });

  it("honours a custom limit and window", () => {
    expect(decideLoginThrottle({ failures: [ago(1)], now, limit: 1, windowMs: 10_000 })).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });
});
