import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { approveDeviceSchema, deviceIdParamsSchema } from "@/lib/schemas/device";
import { approveDevice } from "@/lib/services/devices";
import { deviceJson } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/devices/{id}/approve — approve with a role (and optional hostname, IP, disk).
export const POST = withRoute<{ id: string }>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = deviceIdParamsSchema.parse(params);
  const input = await readJson(req, { schema: approveDeviceSchema });

  return json(deviceJson(await approveDevice({ id, input, actor: actorOf(principal), sourceIp })));
});
