import { sessionCookieAttributes, sessionCookieName } from "@/lib/auth/session-policy";

// The cookie is marked Secure when the browser reached ktizo over HTTPS — directly, or through a
// TLS-terminating reverse proxy that says so: scripts/web-server.ts drops X-Forwarded-Proto unless
// the socket peer is in KTIZO_TRUSTED_PROXIES.
export const isHttpsRequest = (req: Request): boolean => {
  if (new URL(req.url).protocol === "https:") return true;
  const forwardedProto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();

  return forwardedProto === "https";
};

type SessionCookieOptions = { req: Request; sessionToken: string; expiresAt: Date; now?: Date };

export const sessionSetCookie = ({ req, sessionToken, expiresAt, now = new Date() }: SessionCookieOptions): string => {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));

  return `${sessionCookieName}=${encodeURIComponent(sessionToken)}; ${sessionCookieAttributes({ secure: isHttpsRequest(req), maxAgeSeconds })}`;
};

export const clearedSessionCookie = (req: Request): string =>
  `${sessionCookieName}=; ${sessionCookieAttributes({ secure: isHttpsRequest(req), maxAgeSeconds: 0 })}`;
