import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { access } from "node:fs/promises";
import { checkFreeSpace } from "@/lib/assets/check-free-space";
import { factoryAssetUrl, type AssetRef } from "@/lib/domain/boot-assets";
import { AppError } from "@/lib/domain/errors";

export type FetchFactoryAssetOptions = { ref: AssetRef; file: string; factoryUrl: string; schematic: string };

// What the route sends: a file on disk (served with Range/ETag), or the bytes of a pull in progress.
export type AssetBody = { kind: "file"; file: string } | { kind: "stream"; body: ReadableStream<Uint8Array>; size: number | null };

// Time to wait for Image Factory's response headers; the body may take as long as it needs.
const headersTimeoutMs = 30_000;
const chunkBytes = 256 * 1024;

// Pull-through cache with one upstream download per file: the first request starts the download
// into a temp file at full speed; that request and every one arriving meanwhile (a boot storm on a
// new Talos version) read the growing temp file as it fills, each at its own pace, so a slow
// machine never slows the others and memory stays flat. The complete, length-checked file is then
// renamed into the cache; later requests are served from disk with Range support. A body whose
// length cannot be checked (no Content-Length) is streamed to the machines that asked but never
// cached: a truncated kernel in the cache would fail every boot after it.
type Download = { temp: string; total: number | null; written: number; done: boolean; error: Error | null; wake: Set<() => void> };

const downloads = new Map<string, Promise<Download>>();

export const fetchFactoryAsset = async ({ ref, file, factoryUrl, schematic }: FetchFactoryAssetOptions): Promise<AssetBody> => {
  let pending = downloads.get(file);
  if (!pending) {
    pending = startDownload(factoryAssetUrl({ factoryUrl, schematic, ref }), ref, file);
    downloads.set(file, pending);
    pending.catch(() => downloads.delete(file));
  }
  const download = await pending;
  const reader = download.done ? null : await open(/*turbopackIgnore: true*/ download.temp, "r").catch(() => null);
  // Finished (and renamed) before this request could attach: the cache has it now.
  if (!reader) {
    if (await access(file).then(() => true, () => false)) return { kind: "file", file };
    throw new AppError("unavailable", `Image Factory download failed: ${download.error?.message ?? "finished without a cacheable file; try again"}`);
  }

  return { kind: "stream", body: tail(download, reader), size: download.total };
};

const startDownload = async (url: string, ref: AssetRef, file: string): Promise<Download> => {
  // The reserve alone first, so a full disk costs Image Factory nothing; the size once it is known.
  await checkFreeSpace({ dir: path.dirname(file), bytes: null });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), headersTimeoutMs);
  let upstream: Response;
  try {
    upstream = await fetch(url, { signal: controller.signal, redirect: "follow" });
  } catch (error) {
    throw new AppError("unavailable", `Image Factory is unreachable (${url}): ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (upstream.status === 404) throw new AppError("not_found", `Image Factory has no ${ref.fileName} for ${ref.talosVersion}`);
  if (!upstream.ok || !upstream.body) throw new AppError("external_tool_failed", `Image Factory answered ${upstream.status} for ${url}`);
  const total = Number(upstream.headers.get("content-length") ?? "") || null;
  try {
    await checkFreeSpace({ dir: path.dirname(file), bytes: total });
  } catch (error) {
    await upstream.body.cancel().catch(() => undefined);
    throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.download`);
  const writer = await open(temp, "w", 0o644);
  const download: Download = { temp, total, written: 0, done: false, error: null, wake: new Set() };
  void pump(upstream.body, writer, download, file);

  return download;
};

const notify = (download: Download) => {
  for (const wake of download.wake) wake();
  download.wake.clear();
};

const pump = async (body: ReadableStream<Uint8Array>, writer: FileHandle, download: Download, file: string) => {
  try {
    const source = body.getReader();
    for (;;) {
      const { done, value: chunk } = await source.read();
      if (done) break;
      await writer.write(chunk);
      download.written += chunk.byteLength;
      notify(download);
    }
    await writer.sync();
    await writer.close();
    if (download.total !== null && download.written !== download.total) {
      throw new Error(`Image Factory sent ${download.written} of ${download.total} bytes`);
    }
    if (download.total === null) {
      // Readers that attached hold the file open and finish from it; nothing is cached.
      console.warn(`[assets] ${file}: Image Factory sent no Content-Length; ${download.written} bytes served but not cached`);
      await rm(download.temp, { force: true });
    } else {
      await rename(download.temp, file);
    }
    download.done = true;
  } catch (error) {
    download.error = error as Error;
    await writer.close().catch(() => undefined);
    await rm(download.temp, { force: true });
  } finally {
    downloads.delete(file);
    notify(download);
  }
};

// Reads the temp file up to what has been written so far, waiting for more until the download ends.
// The descriptor stays valid across the final rename (same inode).
const tail = (download: Download, reader: FileHandle): ReadableStream<Uint8Array> => {
  let position = 0;
  const close = () => reader.close().catch(() => undefined);

  return new ReadableStream<Uint8Array>(
    {
      pull: async (stream) => {
        for (;;) {
          if (position < download.written) {
            const buffer = Buffer.alloc(Math.min(chunkBytes, download.written - position));
            const { bytesRead } = await reader.read(buffer, 0, buffer.length, position);
            position += bytesRead;
            stream.enqueue(buffer.subarray(0, bytesRead));

            return;
          }
          if (download.error) {
            await close();
            stream.error(download.error);

            return;
          }
          if (download.done) {
            await close();
            stream.close();

            return;
          }
          await new Promise<void>((resolve) => download.wake.add(resolve));
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
};
