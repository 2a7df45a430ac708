import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { exportClusterSecrets } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// GET /api/v1/cluster/secrets/export — secrets.yaml as talosctl writes it (logged).
export const GET = withRoute({ auth: "admin" }, async ({ principal, sourceIp }) => {
  const body = await exportClusterSecrets({ actor: actorOf(principal), sourceIp });

  return new Response(body, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": 'attachment; filename="secrets.yaml"',
      "cache-control": "no-store",
    },
  });
});
