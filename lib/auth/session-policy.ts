// Pure rules for session lifetime. Sessions expire 7 days after login or after 12 hours idle,
// whichever comes first, the usual trade-off for an admin console on a private network.
export const sessionCookieName = "ktizo_session";
export const sessionMaxAgeMs = 7 * 24 * 60 * 60 * 1000;
export const sessionIdleMs = 12 * 60 * 60 * 1000;
// Avoid a database write on every request: lastSeenAt is refreshed at most once a minute.
export const sessionTouchIntervalMs = 60 * 1000;

export type SessionTimes = { createdAt: Date; expiresAt: Date; lastSeenAt: Date };

export const newSessionExpiry = (now: Date): Date => new Date(now.getTime() + sessionMaxAgeMs);

export const isSessionActive = (session: SessionTimes, now: Date): boolean =>
  session.expiresAt.getTime() > now.getTime() && now.getTime() - session.lastSeenAt.getTime() < sessionIdleMs;

export const shouldTouchSession = (session: SessionTimes, now: Date): boolean =>
  now.getTime() - session.lastSeenAt.getTime() >= sessionTouchIntervalMs;

type CookieOptions = { secure: boolean; maxAgeSeconds: number };

export const sessionCookieAttributes = ({ secure, maxAgeSeconds }: CookieOptions): string =>
  ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
