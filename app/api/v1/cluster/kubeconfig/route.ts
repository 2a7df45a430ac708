import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { kubeconfigQuerySchema } from "@/lib/schemas/cluster-health";
import { buildAdminKubeconfig } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// GET /api/v1/cluster/kubeconfig?hours= — an admin kubeconfig with a fresh short-lived client certificate.
export const GET = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const { hours } = kubeconfigQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { kubeconfig, clusterName } = await buildAdminKubeconfig({ actor: actorOf(principal), sourceIp, ttlHours: hours });

  return new Response(kubeconfig, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="kubeconfig-${clusterName}"`,
      "cache-control": "no-store",
    },
  });
});
