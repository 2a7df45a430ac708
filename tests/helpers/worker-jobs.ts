import { watchDatabaseChanges } from "@/lib/services/events";
import { assetImportsJob } from "@/worker/jobs/asset-imports-job";
import { createJobRunner, type JobRunner } from "@/worker/jobs/job-runner";
import { createLogger } from "@/worker/logger";

// Asset imports run in the worker (worker/jobs/asset-imports-job.ts), not in the request that
// queued them: tests that start imports through the API run the worker's real job next to them,
// woken by the same database-change signal. `lines` holds its log.
export const startAssetImportWorker = (): { runner: JobRunner; lines: string[] } => {
  const lines: string[] = [];
  const log = createLogger("test-worker", (line) => lines.push(line));
  const runner = createJobRunner({ jobs: [assetImportsJob({ trigger: watchDatabaseChanges, log })], log });
  runner.start();

  return { runner, lines };
};
