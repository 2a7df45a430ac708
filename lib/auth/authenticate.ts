import { findApiTokenByHash, touchApiToken } from "@/lib/data/api-tokens";
import { findSessionByHash, touchSession } from "@/lib/data/sessions";
import { hashToken } from "@/lib/auth/tokens";
import { isSessionActive, sessionCookieName, shouldTouchSession } from "@/lib/auth/session-policy";
import type { Principal } from "@/lib/auth/principal";
import { isSessionIdShape, readCookie } from "@/lib/domain/read-cookie";

type Credentials = { cookieHeader: string | null; authorization: string | null };

// Resolves a request's credentials to a principal: a Bearer API token first, then the session cookie.
export const authenticate = async ({ cookieHeader, authorization }: Credentials): Promise<Principal | null> => {
  const bearer = parseBearer(authorization);
  if (bearer) return authenticateToken(bearer);
  const sessionId = readCookie(cookieHeader, sessionCookieName);

  return sessionId && isSessionIdShape(sessionId) ? authenticateSession(sessionId) : null;
};

export const authenticateRequest = (req: Request): Promise<Principal | null> =>
  authenticate({ cookieHeader: req.headers.get("cookie"), authorization: req.headers.get("authorization") });

const authenticateToken = async (token: string): Promise<Principal | null> => {
  const row = await findApiTokenByHash({ tokenHash: hashToken(token) });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await touchApiToken({ id: row.id, at: now });
  }

  return { kind: "token", tokenId: row.id, name: row.name };
};

const authenticateSession = async (sessionId: string): Promise<Principal | null> => {
  const session = await findSessionByHash(hashToken(sessionId));
  const now = new Date();
  if (!session || !isSessionActive(session, now)) return null;
  if (shouldTouchSession(session, now)) {
    await touchSession({ id: session.id, at: now });
  }

  return { kind: "user", userId: session.userId, username: session.username, sessionId: session.id };
};

const parseBearer = (authorization: string | null): string | null => {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization ?? "");

  return match?.[1] ?? null;
};
