import { claimQueuedImports } from "@/lib/data/asset-imports";
import { runAssetImport } from "./run-asset-import";

// Imports downloaded side by side at most; the rest wait for the next run.
const maxParallelImports = 4;

export type QueuedImportsResult = { done: string[]; failed: { id: string; error: string }[] };

// The worker's asset-imports job: takes the imports admins queued (start-asset-import.ts) and runs
// them to their end. Each outcome is on its row and in an event; failures are also returned so the
// job can log them with their cause and count them (worker/jobs/asset-imports-job.ts).
export const runQueuedAssetImports = async (): Promise<QueuedImportsResult> => {
  const ids = await claimQueuedImports(maxParallelImports);
  const outcomes = await Promise.all(
    ids.map(async (id) => ({ id, outcome: await runAssetImport(id).catch((error: unknown) => ({ status: "failed" as const, error: error instanceof Error ? error.message : String(error) })) })),
  );

  return {
    done: outcomes.filter(({ outcome }) => outcome.status === "done").map(({ id }) => id),
    failed: outcomes.flatMap(({ id, outcome }) => (outcome.status === "failed" ? [{ id, error: outcome.error }] : [])),
  };
};
