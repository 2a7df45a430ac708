import { chmod, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { downloadToFile } from "@/lib/assets/download-to-file";
import { systemActor, type Actor } from "@/lib/auth/principal";
import { finishAssetImport, markImportDownloading, recordImportProgress, type ImportOutcome } from "@/lib/data/asset-imports";
import { inTransaction } from "@/lib/data/db";
import { recordEvent } from "@/lib/events/record-event";
import { paths } from "@/lib/paths";

// Progress is written at most this often: enough for a live progress bar, few SQLite writes.
const progressIntervalMs = 250;

export const partialFileOf = (talosVersion: string, fileName: string): string =>
  path.join(paths().assetsDir, talosVersion, `.${fileName}.partial`);

// Runs one import to its end (in the background of the request that started it). The partial file
// survives a failure or a restart, so importing the same file again resumes where it stopped —
// except after a checksum mismatch, where the bytes are known to be wrong and are discarded.
export const runAssetImport = async (id: string, actor: Actor = systemActor): Promise<void> => {
  const job = await markImportDownloading(id);
  const partial = partialFileOf(job.talosVersion, job.fileName);
  const target = path.join(paths().assetsDir, job.talosVersion, job.fileName);
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    await mkdir(path.dirname(partial), { recursive: true, mode: 0o755 });
    const result = await downloadToFile({
      url: job.url,
      partialFile: partial,
      onProgress: ({ bytesDone, bytesTotal }) => {
        if (Date.now() - lastWrite < progressIntervalMs) return;
        lastWrite = Date.now();
        pending = pending.then(() => recordImportProgress({ id, bytesDone, bytesTotal }));
      },
    });
    await pending;
    if (job.expectedSha256 && job.expectedSha256 !== result.sha256) {
      await rm(partial, { force: true });
      await finish(id, actor, "failed", { bytesDone: result.bytes, sha256: result.sha256, error: `sha256 mismatch: expected ${job.expectedSha256}, got ${result.sha256}` });

      return;
    }
    await chmod(partial, 0o644);
    await rename(partial, target);
    await finish(id, actor, "done", { bytesDone: result.bytes, bytesTotal: result.bytes, sha256: result.sha256 });
  } catch (error) {
    await pending.catch(() => undefined);
    await finish(id, actor, "failed", { error: (error as Error).message.slice(0, 500) });
  }
};

const finish = async (id: string, actor: Actor, status: "done" | "failed", outcome: ImportOutcome) => {
  await inTransaction(async (tx) => {
    const row = await finishAssetImport({ id, status, outcome, db: tx });
    await recordEvent(
      {
        type: status === "done" ? "asset.import_finished" : "asset.import_failed",
        actor,
        details: { id, talosVersion: row.talosVersion, fileName: row.fileName, sha256: row.sha256, error: row.error },
      },
      tx,
    );
  });
};
