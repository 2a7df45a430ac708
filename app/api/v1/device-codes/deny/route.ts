import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { denyDeviceCodeSchema } from "@/lib/schemas/oauth";
import { denyDeviceCode } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/device-codes/deny — deny a console code; the machine gets access_denied.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const { code } = await readJson(req, { schema: denyDeviceCodeSchema });

  return json(await denyDeviceCode({ code, actor: actorOf(principal), sourceIp }));
});
