import { describe, expect, it } from "vitest";
import { globMatches } from "@/lib/domain/rules/glob";

describe("globMatches", () => {
  it.each([
    ["52:54:00:*", "52:54:00:12:34:56", true],
    ["52:54:00:*", "52:54:01:12:34:56", false],
    ["52:54:00:??:34:56", "52:54:00:12:34:56", true],
    ["52:54:00:?:34:56", "52:54:00:12:34:56", false],
    ["*", "anything", true],
    ["SN-*", "sn-0042", true],
    ["a.c", "abc", false],
    ["a.c", "a.c", true],
    ["(x)+", "(x)+", true],
    ["*:56", "52:54:00:12:34:56", true],
    ["*:57", "52:54:00:12:34:56", false],
    ["52*56", "5256", true],
    ["", "", true],
    ["", "x", false],
    ["4c4c4544-*-8058-*", "4C4C4544-0042-8058-B4C1-C2C04F4A5A32", true],
  ])("%s vs %s → %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });

  it("never matches a missing value", () => {
    expect(globMatches("*", null)).toBe(false);
    expect(globMatches("*", undefined)).toBe(false);
  });

  it("stays fast on patterns that make regex engines backtrack", () => {
    expect(globMatches("a*****b", "axxb")).toBe(true);
    const started = Date.now();
    expect(globMatches("*a*a*a*a*a*a*a*a*a*b", "a".repeat(60))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("refuses overlong patterns", () => {
    expect(() => globMatches("x".repeat(200), "x")).toThrow(RangeError);
  });
});
