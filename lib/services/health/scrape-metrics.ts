import { env } from "@/lib/env";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";

// GET /metrics: the Prometheus text, behind `Bearer $KTIZO_METRICS_TOKEN` when that is set.
export const scrapeMetrics = async ({ authorization }: { authorization: string | null }): Promise<{ body: string; contentType: string }> => {
  checkMetricsToken(authorization, env().KTIZO_METRICS_TOKEN);

  return renderMetrics();
};
