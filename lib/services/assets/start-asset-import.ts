import type { Actor } from "@/lib/auth/principal";
import { findActiveImportOf, insertAssetImport } from "@/lib/data/asset-imports";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { startAssetImportSchema, type AssetImportJson } from "@/lib/schemas/asset";
import { runAssetImport } from "./run-asset-import";

export type StartAssetImportOptions = { body: unknown; actor: Actor; sourceIp?: string | null };

// A download that has not reported progress for this long was cut off by a restart: it may be resumed.
const staleAfterMs = 60_000;

// Answers at once with the queued job; the download runs in the background and its progress is
// read from GET /api/v1/assets/imports/{id}. Only one download per target file at a time.
export const startAssetImport = async ({ body, actor, sourceIp = null }: StartAssetImportOptions): Promise<AssetImportJson> => {
  const input = startAssetImportSchema.parse(body);
  const job = await inTransaction(async (tx) => {
    const running = await findActiveImportOf({ talosVersion: input.talosVersion, fileName: input.fileName, activeSince: new Date(Date.now() - staleAfterMs), db: tx });
    if (running) throw new AppError("conflict", `${input.talosVersion}/${input.fileName} is already being imported (${running})`);
    const created = await insertAssetImport({
      job: { url: input.url, talosVersion: input.talosVersion, fileName: input.fileName, expectedSha256: input.sha256 ?? null },
      db: tx,
    });
    await recordEvent({ type: "asset.import_started", actor, sourceIp, details: { id: created.id, url: input.url, fileName: input.fileName } }, tx);

    return created;
  });
  void runAssetImport(job.id, actor).catch((error: unknown) => console.error("[assets] import crashed", job.id, error));

  return job;
};
