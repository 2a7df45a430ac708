import { withRoute } from "@/lib/http/route";
import { oauthResponse } from "@/lib/http/oauth-response";
import { pollDeviceToken, readOauthRequest } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

// POST /api/v1/oauth/token — RFC 8628 device access token polling.
export const POST = withRoute({ auth: "public" }, async ({ req, sourceIp }) => {
  const request = await readOauthRequest(req);

  return oauthResponse(await pollDeviceToken({ request, sourceIp }));
});
