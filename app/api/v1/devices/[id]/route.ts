import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { deviceIdParamsSchema, updateDeviceSchema } from "@/lib/schemas/device";
import { deleteDevice } from "@/lib/services/devices";
import { deviceJson } from "@/lib/services/devices";
import { getDeviceOrThrow } from "@/lib/services/devices";
import { updateDevice } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/devices/{id} — one device.
export const GET = withRoute<Params>({ auth: "admin" }, async ({ params }) => {
  const { id } = deviceIdParamsSchema.parse(params);

  return json(deviceJson(await getDeviceOrThrow(id)));
});

// PUT /api/v1/devices/{id} — edit hostname, IP, role, group, disk, notes, boot action.
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = deviceIdParamsSchema.parse(params);
  const input = await readJson(req, { schema: updateDeviceSchema });

  return json(deviceJson(await updateDevice({ id, input, actor: actorOf(principal), sourceIp })));
});

// DELETE /api/v1/devices/{id} — forget a device (it registers again when it boots).
export const DELETE = withRoute<Params>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = deviceIdParamsSchema.parse(params);
  await deleteDevice({ id, actor: actorOf(principal), sourceIp });

  return new Response(null, { status: 204 });
});
