import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { parseRange } from "@/lib/assets/parse-range";

export type ServeFileOptions = { file: string; req: Request; contentType?: string; cacheControl?: string };

// Streams a file from disk (never read whole: kernels and initramfs are 100+ MB and many machines
// boot at once) with Content-Length, Range, ETag and Last-Modified. Returns null when the file is
// missing so the caller decides (404, or fetch it first).
export const serveFile = async ({
  file,
  req,
  contentType = "application/octet-stream",
  cacheControl = "public, max-age=300",
}: ServeFileOptions): Promise<Response | null> => {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const lastModified = info.mtime.toUTCString();
  const headers: Record<string, string> = {
    "content-type": contentType,
    "accept-ranges": "bytes",
    etag,
    "last-modified": lastModified,
    "cache-control": cacheControl,
  };
  if (notModified(req, etag, info.mtime)) return new Response(null, { status: 304, headers });
  // If-Range: a client resuming a download only gets a part of the version it started with.
  const ifRange = req.headers.get("if-range");
  const rangeHeader = ifRange && ifRange !== etag && ifRange !== lastModified ? null : req.headers.get("range");
  const range = parseRange(rangeHeader, info.size);
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${info.size}` } });
  }
  const { start, end } = range.kind === "range" ? range.range : { start: 0, end: info.size - 1 };
  const length = info.size === 0 ? 0 : end - start + 1;
  const status = range.kind === "range" ? 206 : 200;
  const finalHeaders: Record<string, string> = { ...headers, "content-length": String(length) };
  if (range.kind === "range") finalHeaders["content-range"] = `bytes ${start}-${end}/${info.size}`;
  if (req.method === "HEAD" || length === 0) return new Response(null, { status, headers: finalHeaders });
  const stream = Readable.toWeb(createReadStream(file, { start, end, highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>;

  return new Response(stream, { status, headers: finalHeaders });
};

const notModified = (req: Request, etag: string, mtime: Date): boolean => {
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch) return ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*");
  const since = Date.parse(req.headers.get("if-modified-since") ?? "");

  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
};
