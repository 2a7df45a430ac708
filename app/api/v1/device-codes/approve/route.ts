import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { approveDeviceCodeSchema } from "@/lib/schemas/oauth";
import { approveDeviceCode } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/device-codes/approve — approve a console code (and its pending device, with a role).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: approveDeviceCodeSchema });

  return json(await approveDeviceCode({ input, actor: actorOf(principal), sourceIp }));
});
