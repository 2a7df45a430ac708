import { describe, expect, it } from "vitest";
import { ruleGateBlock, subnetsOf } from "./rule-gate";

const lan = ["10.20.0.0/24"];

describe("ruleGateBlock", () => {
  it.each([
    ["approve, in subnet, bound", "approve", lan, "10.20.0.9", "bound", null],
    ["approve, in subnet, unverifiable", "approve", lan, "10.20.0.9", "unverifiable", /not verified/],
    ["approve, in subnet, mismatch", "approve", lan, "10.20.0.9", "mismatch", /not verified/],
    ["approve, in subnet, never checked", "approve", lan, "10.20.0.9", null, /not checked/],
    ["approve, outside the subnet, bound", "approve", lan, "10.30.0.9", "bound", /not in the rule's subnets/],
    ["approve, no subnets (a catch-all rule)", "approve", [], "10.20.0.9", "bound", /approves nothing/],
    ["approve, 0.0.0.0/0, no source address", "approve", ["0.0.0.0/0"], null, "bound", /not in the rule's subnets/],
    ["reject, no subnets, unverified", "reject", [], "10.30.0.9", "unverifiable", null],
    ["reject, named subnets, outside", "reject", lan, "10.30.0.9", "bound", /not in the rule's subnets/],
    ["reject, named subnets, inside, unverified", "reject", lan, "10.20.0.1", "mismatch", null],
  ] as const)("%s", (_name, action, sourceSubnets, sourceIp, identityStatus, expected) => {
    const result = ruleGateBlock({ action, sourceSubnets }, { sourceIp, identityStatus });
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe("subnetsOf", () => {
  it.each([
    [null, []],
    [["10.0.0.0/8", 5, "10.1.0.0/16"], ["10.0.0.0/8", "10.1.0.0/16"]],
    ["10.0.0.0/8", []],
    [{ a: 1 }, []],
  ])("%j → %j", (value, expected) => {
    expect(subnetsOf(value)).toEqual(expected);
  });
});
