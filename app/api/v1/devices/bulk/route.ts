import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { bulkDeviceSchema } from "@/lib/schemas/device";
import { bulkDeviceAction } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/devices/bulk — approve, reject or delete many devices: {action, ids, role?}.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: bulkDeviceSchema });

  return json(await bulkDeviceAction({ input, actor: actorOf(principal), sourceIp }));
});
