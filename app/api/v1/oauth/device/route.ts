import { withRoute } from "@/lib/http/route";
import { oauthResponse } from "@/lib/http/oauth-response";
import { issueDeviceCode, readOauthRequest } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

// POST /api/v1/oauth/device — RFC 8628 device authorization for Talos in console-code mode.
export const POST = withRoute({ auth: "public" }, async ({ req, sourceIp }) => {
  const request = await readOauthRequest(req);

  return oauthResponse(await issueDeviceCode({ request, sourceIp, requestOrigin: new URL(req.url).origin }));
});
