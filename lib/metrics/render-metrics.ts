import { metrics } from "@/lib/metrics/registry";

export const renderMetrics = async (): Promise<{ body: string; contentType: string }> => {
  const { registry } = metrics();

  return { body: await registry.metrics(), contentType: registry.contentType };
};
