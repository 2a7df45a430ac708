import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

export type DownloadProgress = { bytesDone: number; bytesTotal: number | null };
export type DownloadOptions = { url: string; partialFile: string; onProgress: (progress: DownloadProgress) => void; signal?: AbortSignal };
export type DownloadResult = { sha256: string; bytes: number };

const sizeOf = (file: string) => stat(file).then((info) => info.size, () => 0);

// Hash what an earlier, interrupted attempt already wrote, so the final sha256 covers the whole file.
const hashExisting = async (file: string, hash: ReturnType<typeof createHash>): Promise<void> => {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
};

// Resumable download: bytes already in partialFile are kept and the rest is requested with Range.
// A server that ignores Range (200 instead of 206) makes it start over. The body is streamed to disk
// chunk by chunk (never held whole) while the sha256 is computed.
export const downloadToFile = async ({ url, partialFile, onProgress, signal }: DownloadOptions): Promise<DownloadResult> => {
  let offset = await sizeOf(partialFile);
  const response = await fetch(url, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, redirect: "follow", signal });
  if (response.status === 416 && offset > 0) {
    // The partial file is already complete (or larger than the remote): start over cleanly.
    offset = 0;
    await (await open(partialFile, "w")).close();

    return downloadToFile({ url, partialFile, onProgress, signal });
  }
  if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status} from ${url}`);
  const resumed = response.status === 206 && offset > 0;
  if (!resumed) offset = 0;
  const length = Number(response.headers.get("content-length") ?? "") || null;
  const bytesTotal = length === null ? null : offset + length;
  const hash = createHash("sha256");
  if (resumed) await hashExisting(partialFile, hash);
  const handle = await open(partialFile, resumed ? "a" : "w", 0o644);
  let bytesDone = offset;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await handle.write(value);
      hash.update(value);
      bytesDone += value.byteLength;
      onProgress({ bytesDone, bytesTotal });
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (bytesTotal !== null && bytesDone !== bytesTotal) throw new Error(`download incomplete: ${bytesDone} of ${bytesTotal} bytes`);

  return { sha256: hash.digest("hex"), bytes: bytesDone };
};
