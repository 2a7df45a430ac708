import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

export type DownloadProgress = { bytesDone: number; bytesTotal: number | null };
export type DownloadOptions = {
  url: string;
  partialFile: string;
  onProgress: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  // Called with the full size (when known) before any byte is written: e.g. a free-space check.
  beforeWrite?: (bytesTotal: number | null) => Promise<void>;
};
// sizeChecked: the server named the full size and exactly that many bytes arrived.
export type DownloadResult = { sha256: string; bytes: number; sizeChecked: boolean };

const sizeOf = (file: string) => stat(file).then((info) => info.size, () => 0);

// Hash what an earlier, interrupted attempt already wrote, so the final sha256 covers the whole file.
const hashExisting = async (file: string, hash: ReturnType<typeof createHash>): Promise<void> => {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
};

// Resumable download: bytes already in partialFile are kept and the rest is requested with Range.
// A server that ignores Range (200 instead of 206) makes it start over. The body is streamed to disk
// chunk by chunk (never held whole) while the sha256 is computed.
// A 206 continues the partial file only when its Content-Range starts exactly where the file ends
// (RFC 9110 §14.4); otherwise the bytes belong elsewhere and the download starts over.
export const resumesAt = (contentRange: string | null, offset: number): { length: number; total: number | null } | null => {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange?.trim() ?? "");
  if (!match || Number(match[1]) !== offset || Number(match[2]) < offset) return null;
  const total = match[3] === "*" ? null : Number(match[3]);
  if (total !== null && Number(match[2]) >= total) return null;

  return { length: Number(match[2]) - offset + 1, total };
};

export const downloadToFile = async (options: DownloadOptions): Promise<DownloadResult> => {
  const { url, partialFile, onProgress, signal, beforeWrite } = options;
  let offset = await sizeOf(partialFile);
  const response = await fetch(url, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, redirect: "follow", signal });
  const restart = async () => {
    await response.body?.cancel().catch(() => undefined);
    await (await open(partialFile, "w")).close();

    return downloadToFile(options);
  };
  // 416: the partial file is already complete (or larger than the remote): start over cleanly.
  if (response.status === 416 && offset > 0) return restart();
  if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status} from ${url}`);
  const resumed = response.status === 206 && offset > 0;
  const range = resumed ? resumesAt(response.headers.get("content-range"), offset) : null;
  if (resumed && !range) return restart();
  if (!resumed) offset = 0;
  const length = Number(response.headers.get("content-length") ?? "") || null;
  const bytesTotal = range?.total ?? (length === null ? null : offset + length);
  if (range && length !== null && length !== range.length) return restart();
  try {
    await beforeWrite?.(bytesTotal === null ? null : bytesTotal - offset);
  } catch (error) {
    await response.body.cancel().catch(() => undefined);
    throw error;
  }
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

  return { sha256: hash.digest("hex"), bytes: bytesDone, sizeChecked: bytesTotal !== null };
};
