import { collectScrapeMetrics } from "@/lib/metrics/collect-scrape";
import { metrics } from "@/lib/metrics/registry";

export const renderMetrics = async (): Promise<{ body: string; contentType: string }> => {
  await collectScrapeMetrics();
  const { registry } = metrics();

  return { body: await registry.metrics(), contentType: registry.contentType };
};
