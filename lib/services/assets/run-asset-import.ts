import { createHash } from "node:crypto";
import { chmod, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { checkFreeSpace } from "@/lib/assets/check-free-space";
import { downloadToFile } from "@/lib/assets/download-to-file";
import { systemActor, type Actor } from "@/lib/auth/principal";
import { finishAssetImport, markImportDownloading, recordImportProgress, type ImportOutcome } from "@/lib/data/asset-imports";
import { inTransaction } from "@/lib/data/db";
import { recordEvent } from "@/lib/events/record-event";
import { paths } from "@/lib/paths";

// Progress is written at most this often: enough for a live progress bar, few SQLite writes.
const progressIntervalMs = 250;

// Keyed by the URL (and the target): importing another URL for the same file never resumes with
// the first URL's bytes. Same directory tree as the assets, so the final rename stays on one disk.
export const partialFileOf = ({ url, talosVersion, fileName }: { url: string; talosVersion: string; fileName: string }): string =>
  path.join(paths().assetPartialDir, `${createHash("sha256").update(`${url}\n${talosVersion}/${fileName}`).digest("hex")}.partial`);

export type AssetImportOutcome = { status: "done" } | { status: "failed"; error: string };

// Runs one import to its end (in the worker's asset-imports job, worker/jobs/). The partial file
// survives a failure or a restart, so importing the same file again resumes where it stopped —
// except after a checksum mismatch, where the bytes are known to be wrong and are discarded.
export const runAssetImport = async (id: string, actor: Actor = systemActor): Promise<AssetImportOutcome> => {
  const job = await markImportDownloading(id);
  const partial = partialFileOf(job);
  const target = path.join(paths().assetsDir, job.talosVersion, job.fileName);
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    await mkdir(path.dirname(partial), { recursive: true, mode: 0o755 });
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    const result = await downloadToFile({
      url: job.url,
      partialFile: partial,
      beforeWrite: (bytes) => checkFreeSpace({ dir: path.dirname(partial), bytes }),
      onProgress: ({ bytesDone, bytesTotal }) => {
        if (Date.now() - lastWrite < progressIntervalMs) return;
        lastWrite = Date.now();
        pending = pending.then(() => recordImportProgress({ id, bytesDone, bytesTotal }));
      },
    });
    await pending;
    if (job.expectedSha256 && job.expectedSha256 !== result.sha256) {
      await rm(partial, { force: true });
      return finish(id, actor, "failed", { bytesDone: result.bytes, sha256: result.sha256, error: `sha256 mismatch: expected ${job.expectedSha256}, got ${result.sha256}` });
    }
    if (!result.sizeChecked && !job.expectedSha256) {
      // Without a size or a checksum a cut-off transfer looks complete: it is not placed.
      await rm(partial, { force: true });
      return finish(id, actor, "failed", { bytesDone: result.bytes, sha256: result.sha256, error: "the server sent no Content-Length, so a truncated download cannot be detected: import again with the file's sha256" });
    }
    await chmod(partial, 0o644);
    await rename(partial, target);
    return finish(id, actor, "done", { bytesDone: result.bytes, bytesTotal: result.bytes, sha256: result.sha256 });
  } catch (error) {
    await pending.catch(() => undefined);
    return finish(id, actor, "failed", { error: (error as Error).message.slice(0, 500) });
  }
};

const finish = async (id: string, actor: Actor, status: "done" | "failed", outcome: ImportOutcome): Promise<AssetImportOutcome> => {
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

  return status === "done" ? { status } : { status, error: outcome.error ?? "failed" };
};
