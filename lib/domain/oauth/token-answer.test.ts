import { describe, expect, it } from "vitest";
import { tokenAnswer } from "./token-answer";

const now = new Date("2026-01-01T00:05:00Z");
const later = new Date("2026-01-01T00:10:00Z");
const earlier = new Date("2026-01-01T00:04:59Z");

describe("tokenAnswer", () => {
  it.each([
    ["pending", later, "authorization_pending", false],
    ["approved", later, "issue", false],
    ["denied", later, "access_denied", false],
    ["denied", earlier, "access_denied", false],
    ["pending", earlier, "expired_token", true],
    ["approved", earlier, "expired_token", true],
    ["expired", earlier, "expired_token", false],
    ["issued", later, "invalid_grant", false],
    ["used", earlier, "invalid_grant", false],
  ])("%s (expires %s) → %s", (status, expiresAt, expected, expire) => {
    const answer = tokenAnswer({ status, expiresAt, now });
    expect(answer.kind === "issue" ? "issue" : answer.error).toBe(expected);
    if (answer.kind === "error") expect(answer.expire).toBe(expire);
  });
});
