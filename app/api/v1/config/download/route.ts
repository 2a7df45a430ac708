import { withRoute } from "@/lib/http/route";
import { text } from "@/lib/http/responses";
import { downloadDeviceConfig } from "@/lib/services/boot";
import { bearerTokenOf, readDownloadRequest } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

const handler = withRoute({ auth: "public", errors: "text" }, async ({ req, sourceIp }) => {
  const request = await readDownloadRequest(req);
  const yaml = await downloadDeviceConfig({ ...request, bearer: bearerTokenOf(req), sourceIp, signal: req.signal });

  return text(yaml, 200, "application/yaml; charset=utf-8");
});

// GET /api/v1/config/download — Talos machine config for an approved device with a valid token
// (and, in console-code mode, the bearer token of its approved console code).
export const GET = handler;
// POST /api/v1/config/download — the same, with mac/token optionally in the body.
export const POST = handler;
