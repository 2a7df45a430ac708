import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { networkSettingsIdSchema, updateNetworkSettingsSchema } from "@/lib/schemas/network";
import { updateNetworkSettings } from "@/lib/services/network";

export const dynamic = "force-dynamic";

type Params = { id: string };

// PUT /api/v1/network/settings/{id} — change any fields; the result is validated as a whole.
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = networkSettingsIdSchema.parse(params);
  const changes = await readJson(req, { schema: updateNetworkSettingsSchema });

  return json(await updateNetworkSettings({ id, changes, actor: actorOf(principal), sourceIp }));
});
