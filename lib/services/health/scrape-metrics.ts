import { countDeliveriesByStatus } from "@/lib/data/webhook-deliveries";
import { env } from "@/lib/env";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";
import { setScrapeGauges } from "@/lib/metrics/set-scrape-gauges";
import { getClusterHealth } from "@/lib/services/cluster";
import { getSystemStatus, getWorkerCounters } from "./get-system-status";

// GET /metrics: the Prometheus text, behind `Bearer $KTIZO_METRICS_TOKEN` when that is set.
export const scrapeMetrics = async ({ authorization }: { authorization: string | null }): Promise<{ body: string; contentType: string }> => {
  checkMetricsToken(authorization, env().KTIZO_METRICS_TOKEN);
  const [status, outbox, cluster, workerCounters] = await Promise.all([getSystemStatus(), countDeliveriesByStatus(), getClusterHealth(), getWorkerCounters()]);
  setScrapeGauges({ status, outbox, cluster, workerCounters });

  return renderMetrics();
};
