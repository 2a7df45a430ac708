import { actorOf } from "@/lib/auth/principal";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { bootstrapRequestSchema } from "@/lib/schemas/cluster-health";
import { bootstrapClusterNow } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// POST /api/v1/cluster/bootstrap {"confirm": true} — bootstrap etcd on the first control plane now.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  await readJson(req, { schema: bootstrapRequestSchema });

  return json(await bootstrapClusterNow({ actor: actorOf(principal), sourceIp }));
});
