import { describe, expect, it } from "vitest";
import { isNormalizedMac, macSearchFragment, macToHyphen, parseMac } from "@/lib/domain/mac";

describe("parseMac", () => {
  it.each([
    ["aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:ff"],
    ["AA:BB:CC:DD:EE:FF", "aa:bb:cc:dd:ee:ff"],
    ["aa-bb-cc-dd-ee-ff", "aa:bb:cc:dd:ee:ff"],
    ["AA-BB-CC-DD-EE-0F", "aa:bb:cc:dd:ee:0f"],
    ["aabbccddeeff", "aa:bb:cc:dd:ee:ff"],
    ["AABBCCDDEEFF", "aa:bb:cc:dd:ee:ff"],
    ["aabb.ccdd.eeff", "aa:bb:cc:dd:ee:ff"],
    ["52%3A54%3A00%3Aaa%3Abb%3Acc", "52:54:00:aa:bb:cc"],
    ["52%3a54%3a00%3aAA%3aBB%3aCC", "52:54:00:aa:bb:cc"],
    ["52%253A54%253A00%253Aaa%253Abb%253Acc", "52:54:00:aa:bb:cc"],
    ["  52:54:00:aa:bb:cc\n", "52:54:00:aa:bb:cc"],
  ])("accepts %j", (input, expected) => {
    expect(parseMac(input)).toEqual({ ok: true, mac: expected });
  });

  it.each([
    [""],
    ["   "],
    ["aa:bb:cc:dd:ee"],
    ["aa:bb:cc:dd:ee:ff:00"],
    ["aa:bb-cc:dd:ee:ff"],
    ["gg:bb:cc:dd:ee:ff"],
    ["aabbccddeef"],
    ["aa:bb:cc:dd:ee:ff\nkernel evil"],
    ["aa:bb:cc:dd:ee:${x}"],
    ["%E0%A4%A"],
    ["a".repeat(200)],
    ["aa bb cc dd ee ff"],
  ])("rejects %j with a reason", (input) => {
    const result = parseMac(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/mac/);
  });

  it.each([[null], [undefined], [42], [{}]])("rejects non-strings (%j)", (input) => {
    expect(parseMac(input).ok).toBe(false);
  });
});

describe("isNormalizedMac", () => {
  it.each([
    ["aa:bb:cc:dd:ee:ff", true],
    ["AA:bb:cc:dd:ee:ff", false],
    ["aa-bb-cc-dd-ee-ff", false],
  ])("%s → %s", (input, expected) => {
    expect(isNormalizedMac(input)).toBe(expected);
  });
});

describe("macSearchFragment", () => {
  it.each([
    ["AA-BB-CC", "aa:bb:cc"],
    ["aa:bb:c", "aa:bb:c"],
    ["aabbcc", "aa:bb:cc"],
    ["AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff"],
    ["52%3A54%3A00%3Aaa%3Abb%3Acc", "52:54:00:aa:bb:cc"],
    ["worker-1", null],
    ["10.0.0.5", null],
    ["abc", null],
  ])("%j → %j", (input, expected) => {
    expect(macSearchFragment(input)).toBe(expected);
  });
});

describe("macToHyphen", () => {
  it("uses dashes", () => {
    expect(macToHyphen("aa:bb:cc:dd:ee:ff")).toBe("aa-bb-cc-dd-ee-ff");
  });
});
