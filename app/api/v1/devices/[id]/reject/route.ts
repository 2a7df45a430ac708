import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { deviceIdParamsSchema } from "@/lib/schemas/device";
import { deviceJson } from "@/lib/services/devices";
import { rejectDevice } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/devices/{id}/reject — the device never gets a config; iPXE exits to the next boot device.
export const POST = withRoute<{ id: string }>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = deviceIdParamsSchema.parse(params);

  return json(deviceJson(await rejectDevice({ id, actor: actorOf(principal), sourceIp })));
});
