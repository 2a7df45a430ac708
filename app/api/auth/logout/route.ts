import { isFormPost, seeOther } from "@/lib/auth/form-or-json";
import { clearedSessionCookie } from "@/lib/auth/session-cookie";
import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { logout } from "@/lib/services/auth";

// POST /api/auth/logout — end the current session and clear its cookie
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const { loggedOut } = await logout({ principal, sourceIp });
  const headers = { "set-cookie": clearedSessionCookie(req) };

  return isFormPost(req) ? seeOther("/login", headers) : json({ loggedOut }, 200, headers);
});
