import { actorOf } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { clusterSettingsSchema } from "@/lib/schemas/cluster";
import { createClusterSettings } from "@/lib/services/cluster";
import { getClusterSettings } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// GET /api/v1/cluster/settings — the cluster settings, 404 before they are saved.
export const GET = withRoute({ auth: "admin" }, async () => {
  const settings = await getClusterSettings();
  if (!settings) throw new AppError("not_found", "cluster settings have not been saved yet");

  return json(settings);
});

// POST /api/v1/cluster/settings — create the settings (409 when they exist).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: clusterSettingsSchema });

  return json(await createClusterSettings({ input, actor: actorOf(principal), sourceIp }), 201);
});
