import { describe, expect, it } from "vitest";
import { normalizeOuiPrefix, ouiMatches } from "@/lib/domain/rules/oui";

describe("normalizeOuiPrefix", () => {
  it.each([
    ["52:54:00", "52:54:00"],
    ["52-54-00", "52:54:00"],
    ["525400", "52:54:00"],
    ["AC:1F:6B:0", null],
    ["ac:1f:6b:01", "ac:1f:6b:01"],
    ["52:54", null],
    ["zz:zz:zz", null],
    ["00:11:22:33:44:55", null],
  ])("%s → %s", (input, expected) => {
    expect(normalizeOuiPrefix(input)).toBe(expected);
  });
});

describe("ouiMatches", () => {
  it.each([
    ["52:54:00", "52:54:00:aa:bb:cc", true],
    ["525400", "52:54:00:aa:bb:cc", true],
    ["52:54:00", "52:54:01:aa:bb:cc", false],
    // A prefix never matches in the middle of an octet.
    ["52:54:0", "52:54:00:aa:bb:cc", false],
    ["52:54:00:aa", "52:54:00:aa:bb:cc", true],
    ["52:54:00:ab", "52:54:00:aa:bb:cc", false],
  ])("%s vs %s → %s", (prefix, mac, expected) => {
    expect(ouiMatches(prefix, mac)).toBe(expected);
  });
});
