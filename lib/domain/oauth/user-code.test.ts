import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatUserCode, normalizeUserCode, userCodeAlphabet, userCodeFromBytes } from "./user-code";

describe("user codes", () => {
  it.each([
    ["BCDF-GHJK", "BCDFGHJK"],
    ["bcdf-ghjk", "BCDFGHJK"],
    [" bcdf ghjk ", "BCDFGHJK"],
    ["BCDFGHJK", "BCDFGHJK"],
  ])("normalizes %j", (input, code) => {
    expect(normalizeUserCode(input)).toEqual({ ok: true, code });
  });

  it.each([
    ["", /required/],
    [42, /required/],
    ["BCDF-GHJ", /8 letters/],
    ["BCDF-GHJKL", /8 letters/],
    ["BCDF-GH0K", /"0"/],
    ["ABCD-GHJK", /"A"/],
    ["X".repeat(40), /too long/],
  ])("refuses %j with the reason", (input, reason) => {
    const result = normalizeUserCode(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });

  it.each([
    [[0, 1, 2, 3, 4, 5, 6, 7], "BCDFGHJK"],
    [[240, 255, 19, 20, 39, 0, 0, 0, 0, 0], "ZBZBBBBB"],
  ])("maps bytes %j without bias", (bytes, code) => {
    expect(userCodeFromBytes(Uint8Array.from(bytes))).toBe(code);
  });

  it("gives up (null) when the bytes run out", () => {
    expect(userCodeFromBytes(Uint8Array.from([250, 251, 1]))).toBeNull();
  });

  it("never uses an ambiguous character and round-trips its format", () => {
    for (let i = 0; i < 200; i += 1) {
      const code = userCodeFromBytes(randomBytes(32))!;
      expect(code).toMatch(new RegExp(`^[${userCodeAlphabet}]{8}$`));
      expect(code).not.toMatch(/[AEIOUY0-9]/);
      expect(normalizeUserCode(formatUserCode(code))).toEqual({ ok: true, code });
    }
  });
});
