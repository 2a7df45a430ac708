import { describe, expect, it } from "vitest";
import { globCovers, macOuiConflict, shadowingRule, type ShadowRule } from "@/lib/domain/rules/rule-shadow";

const rule = (id: string, fields: Partial<ShadowRule> = {}): ShadowRule => ({
  id,
  name: id,
  priority: 100,
  enabled: true,
  createdAt: new Date(`2026-01-0${id.length}T00:00:00Z`),
  maxMatches: null,
  matchCount: 0,
  macPattern: null,
  ouiPrefix: null,
  uuidPattern: null,
  serialPattern: null,
  arch: null,
  action: "approve",
  sourceSubnets: ["10.0.0.0/24"],
  ipPoolStart: null,
  ...fields,
});

describe("globCovers", () => {
  it.each([
    ["*", "52:54:00:*", true],
    ["52:54:*", "52:54:00:*", true],
    ["52:54:00:*", "52:54:*", false],
    ["52:54:00:??", "52:54:00:1?", true],
    ["52:54:00:??:*", "52:54:00:1?:*", false], // conservative: a `?` facing a `*`
    ["52:54:00:?", "52:54:00:*", false],
    ["SN-*", "sn-1*", true],
    ["aa:*", "bb:*", false],
  ])("%s covers %s: %s", (broad, narrow, expected) => {
    expect(globCovers(broad, narrow)).toBe(expected);
  });
});

describe("shadowingRule", () => {
  const later = rule("later", { priority: 200, macPattern: "52:54:00:*" });

  it.each<[string, Partial<ShadowRule>, boolean]>([
    ["the same glob, earlier priority", { priority: 10, macPattern: "52:54:00:*" }, true],
    ["a broader glob", { priority: 10, macPattern: "*" }, true],
    ["a broader OUI-free rule by arch only", { priority: 10, arch: "x86_64" }, false],
    ["a narrower glob", { priority: 10, macPattern: "52:54:00:01:*" }, false],
    ["a later priority", { priority: 300, macPattern: "*" }, false],
    ["a disabled rule", { priority: 10, macPattern: "*", enabled: false }, false],
    ["a rule with a match limit (it falls through once spent)", { priority: 10, macPattern: "*", maxMatches: 5 }, false],
    ["a rule with an IP pool (it falls through when full)", { priority: 10, macPattern: "*", ipPoolStart: "10.0.0.50" }, false],
    ["a rule on other subnets", { priority: 10, macPattern: "*", sourceSubnets: ["10.1.0.0/24"] }, false],
    ["a rule on a wider subnet", { priority: 10, macPattern: "*", sourceSubnets: ["10.0.0.0/16"] }, true],
    ["an approving rule without subnets (it approves nothing)", { priority: 10, macPattern: "*", sourceSubnets: [] }, false],
    ["a reject rule without subnets", { priority: 10, macPattern: "*", action: "reject", sourceSubnets: [] }, true],
    ["a criterion the later rule lacks", { priority: 10, macPattern: "*", serialPattern: "SN-*" }, false],
  ])("%s: %s", (_name, fields, shadowed) => {
    expect(shadowingRule(later, [rule("earlier", fields), later])?.id ?? null).toBe(shadowed ? "earlier" : null);
  });

  it("breaks a priority tie by age, as the evaluation does", () => {
    const older = rule("a", { macPattern: "*" });
    const newer = rule("bbbb", { macPattern: "52:*" });
    expect(shadowingRule(newer, [older, newer])?.id).toBe("a");
    expect(shadowingRule(older, [older, newer])).toBeNull();
  });

  it("does not let an approving rule shadow a reject rule (a reject needs no verified identity)", () => {
    const reject = rule("later", { priority: 200, macPattern: "52:*", action: "reject" });
    expect(shadowingRule(reject, [rule("e", { priority: 1, macPattern: "*" }), reject])).toBeNull();
  });

  it("compares OUI prefixes by their octets", () => {
    const narrow = rule("later", { priority: 200, ouiPrefix: "52:54:00:12" });
    expect(shadowingRule(narrow, [rule("e", { priority: 1, ouiPrefix: "525400" }), narrow])?.id).toBe("e");
  });
});

describe("macOuiConflict", () => {
  it.each([
    ["52:54:00:*", "52:54:00", false],
    ["52:*", "52:54:00", false],
    ["*", "52:54:00", false],
    ["aa:bb:*", "52:54:00", true],
    ["52:54:01:00:00:01", "52:54:00", true],
  ])("%s with %s conflicts: %s", (macPattern, ouiPrefix, conflict) => {
    expect(macOuiConflict({ macPattern, ouiPrefix }) !== null).toBe(conflict);
  });
});
