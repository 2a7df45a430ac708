import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { getClusterTalosconfig } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// GET /api/v1/cluster/talosconfig — the admin client config, endpoints = approved control planes.
export const GET = withRoute({ auth: "admin" }, async ({ principal, sourceIp }) => {
  const body = await getClusterTalosconfig({ actor: actorOf(principal), sourceIp });

  return new Response(body, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": 'attachment; filename="talosconfig"',
      "cache-control": "no-store",
    },
  });
});
