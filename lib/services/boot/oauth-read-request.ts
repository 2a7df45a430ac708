import { AppError } from "@/lib/domain/errors";
import { readText } from "@/lib/http/read-body";

// What the two OAuth2 endpoints get from a request: the URL query (ktizo puts the PXE MAC in the
// device authorization URL), the form body and the client id of HTTP Basic auth, if any.
export type OauthRequest = { query: Record<string, string>; form: Record<string, string>; basicClientId: string | null };

const maxFormBytes = 8 * 1024;

// x/oauth2 sends Basic auth with url.QueryEscape'd id and secret
// (https://github.com/golang/oauth2/blob/master/internal/token.go, newTokenRequest).
const basicClientIdOf = (header: string | null): string | null => {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,512})$/i.exec(header?.trim() ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const id = decoded.split(":")[0] ?? "";
  try {
    return decodeURIComponent(id.replace(/\+/g, " "));
  } catch {
    return id;
  }
};

export const readOauthRequest = async (req: Request): Promise<OauthRequest> => {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase().trim();
  // RFC 8628 §3.1 / RFC 6749 §4.1.3: parameters are form-encoded in the body.
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    throw new AppError("unsupported_media_type", "expected application/x-www-form-urlencoded");
  }
  const raw = await readText(req, maxFormBytes);
  const query = Object.fromEntries(new URL(req.url).searchParams);

  return { query, form: Object.fromEntries(new URLSearchParams(raw)), basicClientId: basicClientIdOf(req.headers.get("authorization")) };
};

// "Authorization: Bearer <token>" on the config download (Talos sets token.Type() + " " + token).
export const bearerTokenOf = (req: Request): string | undefined => {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]{1,512}=*)$/i.exec(req.headers.get("authorization")?.trim() ?? "");

  return match?.[1];
};
