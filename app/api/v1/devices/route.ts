import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { createDeviceSchema, listDevicesQuerySchema } from "@/lib/schemas/device";
import { createDevice } from "@/lib/services/devices";
import { deviceJson } from "@/lib/services/devices";
import { listDevices } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// GET /api/v1/devices — list with status filter, search and paging.
export const GET = withRoute({ auth: "admin" }, async ({ req }) => {
  const query = listDevicesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));

  return json(await listDevices(query));
});

// POST /api/v1/devices — add a device by hand (pending, or approved with a role).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: createDeviceSchema });

  return json(deviceJson(await createDevice({ input, actor: actorOf(principal), sourceIp })), 201);
});
