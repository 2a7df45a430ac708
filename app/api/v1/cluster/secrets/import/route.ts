import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { importSecretsSchema } from "@/lib/schemas/cluster";
import { importClusterSecrets } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// POST /api/v1/cluster/secrets/import — body {secretsYaml, force?}: an existing talosctl secrets.yaml.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const { secretsYaml, force } = await readJson(req, { schema: importSecretsSchema });

  return json(await importClusterSecrets({ secretsYaml, force, actor: actorOf(principal), sourceIp }));
});
