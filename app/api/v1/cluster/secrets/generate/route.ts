import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { generateSecretsSchema } from "@/lib/schemas/cluster";
import { generateClusterSecrets } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// POST /api/v1/cluster/secrets/generate — new secrets bundle; body {force?} (needed to replace one).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  // A bare POST without a body is allowed.
  const { force } = req.headers.get("content-type") ? await readJson(req, { schema: generateSecretsSchema }) : generateSecretsSchema.parse(undefined);

  return json(await generateClusterSecrets({ force, actor: actorOf(principal), sourceIp }));
});
