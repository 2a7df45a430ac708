import { describe, expect, it } from "vitest";
import { apiTokenPrefix, generateSecretToken, hashToken, tokensEqual } from "@/lib/auth/tokens";

describe("generateSecretToken / hashToken", () => {
  it("makes 256-bit url-safe tokens with the given prefix", () => {
    const token = generateSecretToken(apiTokenPrefix);
    expect(token).toMatch(/^ktz_[A-Za-z0-9_-]{43}$/);
    expect(generateSecretToken()).not.toEqual(generateSecretToken());
  });

  it("hashes deterministically with SHA-256 and never returns the token", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateSecretToken();
    expect(hashToken(token)).not.toContain(token);
  });

  it("compares tokens of any length safely", () => {
    expect(tokensEqual("a", "a")).toBe(true);
    expect(tokensEqual("a", "ab")).toBe(false);
  });
});
