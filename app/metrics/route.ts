import { env } from "@/lib/env";
import { withRoute } from "@/lib/http/route";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

// GET /metrics — Prometheus text; needs `Bearer $KTIZO_METRICS_TOKEN` when that is set.
export const GET = withRoute({ auth: "public", errors: "text" }, async ({ req }) => {
  checkMetricsToken(req.headers.get("authorization"), env().KTIZO_METRICS_TOKEN);
  const { body, contentType } = await renderMetrics();

  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
