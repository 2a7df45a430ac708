import type { Actor } from "@/lib/auth/principal";
import { findActiveImportOf, insertAssetImport } from "@/lib/data/asset-imports";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { startAssetImportSchema, type AssetImportJson } from "@/lib/schemas/asset";

export type StartAssetImportOptions = { body: unknown; actor: Actor; sourceIp?: string | null };

// A download that has not reported progress for this long was cut off by a restart: it may be resumed.
const staleAfterMs = 60_000;

// Answers at once with the queued job. The worker's asset-imports job (worker/jobs/) picks the row
// up within about a second (it wakes on any database commit) and downloads it; progress is read
// from GET /api/v1/assets/imports/{id}. Only one download per target file at a time.
export const startAssetImport = async ({ body, actor, sourceIp = null }: StartAssetImportOptions): Promise<AssetImportJson> => {
  const input = startAssetImportSchema.parse(body);
  return inTransaction(async (tx) => {
    const running = await findActiveImportOf({ talosVersion: input.talosVersion, fileName: input.fileName, activeSince: new Date(Date.now() - staleAfterMs), db: tx });
    if (running) throw new AppError("conflict", `${input.talosVersion}/${input.fileName} is already being imported (${running})`);
    const created = await insertAssetImport({
      job: { url: input.url, talosVersion: input.talosVersion, fileName: input.fileName, expectedSha256: input.sha256 ?? null },
      db: tx,
    });
    await recordEvent({ type: "asset.import_started", actor, sourceIp, details: { id: created.id, url: input.url, fileName: input.fileName } }, tx);

    return created;
  });
};
