import { applyRetention } from "@/lib/services/events";
import type { Job } from "@/worker/jobs/job-runner";
import type { Logger } from "@/worker/logger";

// Deletes what the retention settings say has aged out (lib/services/events/apply-retention.ts).
export const retentionJob = ({ intervalMs, log }: { intervalMs: number; log: Logger }): Job => ({
  name: "retention",
  intervalMs,
  run: async () => {
    const { events, bootTokens, webhookDeliveries } = await applyRetention();
    if (events + bootTokens + webhookDeliveries > 0) {
      log.info(`retention: deleted ${events} events, ${bootTokens} boot tokens, ${webhookDeliveries} webhook deliveries`);
    }
  },
});
