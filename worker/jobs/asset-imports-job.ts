import { runQueuedAssetImports } from "@/lib/services/assets";
import type { Job, Trigger } from "@/worker/jobs/job-runner";
import type { Logger } from "@/worker/logger";

// Runs the asset imports admins queued (POST /api/v1/assets/imports writes the row in a web
// process; the commit wakes this job within ~100 ms, the interval is the fallback). A failed
// import is on its row and in an `asset.import_failed` event; it also fails this run, so it is
// logged with its cause and counted in ktizo_worker_job_failures_total{job="asset-imports"}.
export const assetImportsJob = ({ trigger, log, intervalMs = 5_000 }: { trigger?: Trigger; log: Logger; intervalMs?: number }): Job => ({
  name: "asset-imports",
  intervalMs,
  trigger,
  run: async () => {
    const { done, failed } = await runQueuedAssetImports();
    if (done.length > 0) log.info(`asset imports done: ${done.join(", ")}`);
    if (failed.length > 0) throw new Error(failed.map(({ id, error }) => `asset import ${id} failed: ${error}`).join("; "));
  },
});
