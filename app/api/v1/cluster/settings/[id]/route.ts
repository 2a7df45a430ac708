import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { clusterIdParamsSchema, updateClusterSettingsSchema } from "@/lib/schemas/cluster";
import { updateClusterSettings } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

type Params = { id: string };

// PUT /api/v1/cluster/settings/{id} — update any subset of the settings.
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = clusterIdParamsSchema.parse(params);
  const input = await readJson(req, { schema: updateClusterSettingsSchema });

  return json(await updateClusterSettings({ id, input, actor: actorOf(principal), sourceIp }));
});
