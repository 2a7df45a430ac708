// The one cookie parser (used by proxy.ts, the route wrapper and server components through
// lib/auth/authenticate.ts). A cookie that cannot be decoded (`ktizo_session=%`) or does not look
// like a value ktizo issued is no cookie at all: the caller is anonymous (401 / login), never a 500.
// RFC 6265 §4.1.1: a cookie value is a token of visible ASCII without `"`, `,`, `;` or `\`.
const cookieValuePattern = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

export const readCookie = (cookieHeader: string | null, name: string): string | null => {
  for (const part of (cookieHeader ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    if (raw.length > 4096 || !cookieValuePattern.test(raw)) return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }

  return null;
};

// Session ids are 32 random bytes in base64url (lib/auth/tokens.ts): anything else cannot be a
// session, so it is refused before the database is asked.
export const isSessionIdShape = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
