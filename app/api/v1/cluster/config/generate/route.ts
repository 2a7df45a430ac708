import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { generateConfigSchema } from "@/lib/schemas/cluster";
import { generateClusterConfig } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// POST /api/v1/cluster/config/generate — body {generator?: "builtin"|"talosctl"}; validates and stores.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const { generator } = req.headers.get("content-type") ? await readJson(req, { schema: generateConfigSchema }) : generateConfigSchema.parse(undefined);

  return json(await generateClusterConfig({ generator, actor: actorOf(principal), sourceIp }));
});
