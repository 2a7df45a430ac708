import { describe, expect, it } from "vitest";
import { candidateRules, ruleMatches, type RankedRule, type RuleSubject } from "@/lib/domain/rules/match-rule";

const subject: RuleSubject = { mac: "52:54:00:12:34:56", uuid: "4C4C4544-0042", serial: "SN-0042", arch: "x86_64" };
const none = { macPattern: null, ouiPrefix: null, uuidPattern: null, serialPattern: null, arch: null };

const rule = (id: string, fields: Partial<RankedRule>): RankedRule => ({
  ...none,
  id,
  priority: 100,
  enabled: true,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  maxMatches: null,
  matchCount: 0,
  ...fields,
});

describe("ruleMatches", () => {
  it.each([
    [{ macPattern: "52:54:00:*" }, true],
    [{ ouiPrefix: "52-54-00" }, true],
    [{ ouiPrefix: "ac1f6b" }, false],
    [{ uuidPattern: "4c4c4544-*" }, true],
    [{ serialPattern: "SN-9*" }, false],
    [{ arch: "X86_64" }, true],
    [{ arch: "arm64" }, false],
    [{ macPattern: "52:54:00:*", arch: "arm64" }, false],
    [{ macPattern: "52:54:00:*", serialPattern: "sn-*", arch: "x86_64" }, true],
    [{}, false],
  ])("%o → %s", (criteria, expected) => {
    expect(ruleMatches({ ...none, ...criteria }, subject)).toBe(expected);
  });

  it("a UUID pattern never matches a device without a UUID", () => {
    expect(ruleMatches({ ...none, uuidPattern: "*" }, { ...subject, uuid: null })).toBe(false);
  });
});

describe("candidateRules", () => {
  it("orders by priority, then age, then id, and drops disabled, exhausted and non-matching rules", () => {
    const rules = [
      rule("late", { priority: 10, macPattern: "*", createdAt: new Date("2026-02-01T00:00:00Z") }),
      rule("early", { priority: 10, macPattern: "*" }),
      rule("first", { priority: 1, ouiPrefix: "52:54:00" }),
      rule("off", { priority: 0, macPattern: "*", enabled: false }),
      rule("full", { priority: 0, macPattern: "*", maxMatches: 2, matchCount: 2 }),
      rule("other", { priority: 0, ouiPrefix: "ac:1f:6b" }),
      rule("room", { priority: 50, macPattern: "*", maxMatches: 2, matchCount: 1 }),
    ];

    expect(candidateRules(rules, subject).map((r) => r.id)).toEqual(["first", "early", "late", "room"]);
  });
});
