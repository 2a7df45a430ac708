import { withRoute } from "@/lib/http/route";
import { scrapeMetrics } from "@/lib/services/health";

export const dynamic = "force-dynamic";

// GET /metrics — Prometheus text; needs `Bearer $KTIZO_METRICS_TOKEN` when that is set.
export const GET = withRoute({ auth: "public", errors: "text" }, async ({ req }) => {
  const { body, contentType } = await scrapeMetrics({ authorization: req.headers.get("authorization") });

  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
