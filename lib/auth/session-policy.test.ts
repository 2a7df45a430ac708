import { describe, expect, it } from "vitest";
import {
  isSessionActive,
  newSessionExpiry,
  sessionCookieAttributes,
  sessionIdleMs,
  sessionMaxAgeMs,
  shouldTouchSession,
} from "@/lib/auth/session-policy";

const t0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("isSessionActive", () => {
  const session = { createdAt: t0, expiresAt: newSessionExpiry(t0), lastSeenAt: t0 };

  it.each([
    [0, true],
    [sessionIdleMs - 1, true],
    [sessionIdleMs, false],
  ])("idle for %d ms → %s", (ms, expected) => {
    expect(isSessionActive(session, at(ms))).toBe(expected);
  });

  it("expires at the absolute limit even when used constantly", () => {
    const busy = { ...session, lastSeenAt: at(sessionMaxAgeMs - 1000) };
    expect(isSessionActive(busy, at(sessionMaxAgeMs - 1))).toBe(true);
    expect(isSessionActive(busy, at(sessionMaxAgeMs))).toBe(false);
  });
});

describe("shouldTouchSession", () => {
  it("writes lastSeenAt at most once a minute", () => {
    const session = { createdAt: t0, expiresAt: newSessionExpiry(t0), lastSeenAt: t0 };
    expect(shouldTouchSession(session, at(59_999))).toBe(false);
    expect(shouldTouchSession(session, at(60_000))).toBe(true);
  });
});

describe("sessionCookieAttributes", () => {
  it("is httpOnly and SameSite=Lax, Secure only behind HTTPS", () => {
    expect(sessionCookieAttributes({ secure: false, maxAgeSeconds: 60 })).toBe("Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    expect(sessionCookieAttributes({ secure: true, maxAgeSeconds: 60 })).toContain("; Secure");
  });
});
