import { describe, expect, it } from "vitest";
import { isSessionIdShape, readCookie } from "@/lib/domain/read-cookie";

describe("readCookie", () => {
  it.each([
    ["ktizo_session=abc", "abc"],
    ["a=1; ktizo_session=abc%2Bd", "abc+d"],
    ["ktizo_session=a=b", "a=b"],
    ["ktizo_session=%", null],
    ["ktizo_session=%E0%A4%A", null],
    ["ktizo_session=\"quoted\"", null],
    ["ktizo_session=a\\b", null],
    ["other=1", null],
    ["ktizo_session", null],
    ["", null],
  ])("%j → %j", (header, expected) => {
    expect(readCookie(header, "ktizo_session")).toBe(expected);
  });

  it("refuses an oversized value", () => {
    expect(readCookie(`ktizo_session=${"a".repeat(5000)}`, "ktizo_session")).toBeNull();
  });
});

describe("isSessionIdShape", () => {
  it.each([
    ["A".repeat(43), true],
    ["A".repeat(42), false],
    [`${"A".repeat(42)}%`, false],
    ["", false],
  ])("%j → %j", (value, expected) => {
    expect(isSessionIdShape(value)).toBe(expected);
  });
});
