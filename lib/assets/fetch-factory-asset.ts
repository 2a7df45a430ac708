import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { factoryAssetUrl, type AssetRef } from "@/lib/domain/boot-assets";
import { AppError } from "@/lib/domain/errors";

export type FetchFactoryAssetOptions = { ref: AssetRef; file: string; req: Request; factoryUrl: string; schematic: string };

// Time to wait for Image Factory's response headers; the body may take as long as it needs.
const headersTimeoutMs = 30_000;

// Pull-through cache: the machine gets the bytes as they arrive from Image Factory, and the same
// bytes go to a temp file that becomes the cached asset once complete (length checked). The stream
// is pull-based, so upstream is read only as fast as the machine takes it: memory stays flat. If
// the machine disconnects, the download still completes into the cache for the next one.
export const fetchFactoryAsset = async ({ ref, file, factoryUrl, schematic }: FetchFactoryAssetOptions): Promise<Response> => {
  const url = factoryAssetUrl({ factoryUrl, schematic, ref });
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
  const expected = Number(upstream.headers.get("content-length") ?? "") || null;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.download`);
  const handle = await open(temp, "w", 0o644);
  const reader = upstream.body.getReader();
  let written = 0;
  let settled = false;

  const settle = async (ok: boolean) => {
    if (settled) return;
    settled = true;
    await handle.close().catch(() => undefined);
    if (ok && (expected === null || written === expected)) await rename(temp, file);
    else await rm(temp, { force: true });
  };
  const step = async (): Promise<Uint8Array | null> => {
    const { done, value } = await reader.read();
    if (done) {
      await handle.sync();
      await settle(true);

      return null;
    }
    await handle.write(value);
    written += value.byteLength;

    return value;
  };
  let current: Promise<unknown> = Promise.resolve();
  const drain = async () => {
    try {
      while ((await step()) !== null);
    } catch {
      await settle(false);
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      pull: async (stream) => {
        const next = step();
        current = next.catch(() => undefined);
        try {
          const chunk = await next;
          if (chunk) stream.enqueue(chunk);
          else stream.close();
        } catch (error) {
          await settle(false);
          stream.error(error);
        }
      },
      cancel: () => {
        void current.then(drain);
      },
    },
    { highWaterMark: 0 },
  );
  const headers: Record<string, string> = { "content-type": "application/octet-stream", "cache-control": "no-store" };
  if (expected !== null) headers["content-length"] = String(expected);

  return new Response(body, { status: 200, headers });
};
