import { answerFormOrJson, keepTyped } from "@/lib/auth/form-or-json";
import { sessionSetCookie } from "@/lib/auth/session-cookie";
import { safeNextPath } from "@/lib/domain/safe-next-path";
import { readFormOrJson } from "@/lib/http/read-body";
import { withRoute } from "@/lib/http/route";
import { loginSchema } from "@/lib/schemas/auth";
import { login } from "@/lib/services/auth";

// POST /api/auth/login — check credentials and open a session (httpOnly cookie); 401 / 429 otherwise
// A failed login goes back to the form with the username it was given (never the password).
export const POST = withRoute({ auth: "public" }, async ({ req, sourceIp }) => {
  const kept: Record<string, string> = {};

  return answerFormOrJson({ req, errorPage: "/login", kept }, async () => {
    const body = await readFormOrJson(req);
    keepTyped({ body, kept, fields: ["username", "next"] });
    const input = loginSchema.parse(body);
    const result = await login({ ...input, sourceIp, userAgent: req.headers.get("user-agent") });
    if (result.ok) {
      const headers = { "set-cookie": sessionSetCookie({ req, sessionToken: result.sessionToken, expiresAt: result.expiresAt }) };
      const body = { username: result.username, expiresAt: result.expiresAt.toISOString() };

      return { status: 200, body, headers, location: safeNextPath(input.next) };
    }
    const back = (error: string) => `/login?${new URLSearchParams({ error, username: input.username, ...(input.next ? { next: input.next } : {}) })}`;
    if (result.reason === "rate_limited") {
      const message = `too many failed logins from this address; try again in ${result.retryAfterSeconds} s`;
      const headers = { "retry-after": String(result.retryAfterSeconds) };

      return { status: 429, body: { error: { code: "rate_limited", message } }, headers, location: back("rate_limited") };
    }

    return { status: 401, body: { error: { code: "unauthorized", message: "invalid username or password" } }, location: back("invalid_credentials") };
  });
});
