import type { AssetBody } from "@/lib/assets/fetch-factory-asset";
import { serveFile } from "@/lib/assets/serve-file";
import { AppError } from "@/lib/domain/errors";

// A boot asset as an HTTP response: a file with Range/ETag support, or a pull in progress
// (no Range: the bytes are still arriving; iPXE fetches whole files).
export const assetResponse = async ({ asset, req, cacheControl }: { asset: AssetBody; req: Request; cacheControl: string }): Promise<Response> => {
  if (asset.kind === "stream") {
    const headers: Record<string, string> = { "content-type": "application/octet-stream", "cache-control": "no-store" };
    if (asset.size !== null) headers["content-length"] = String(asset.size);

    return new Response(asset.body, { status: 200, headers });
  }
  const response = await serveFile({ file: asset.file, req, cacheControl });
  // Removed between the lookup and the read (a retention sweep, an admin): as if never there.
  if (!response) throw new AppError("not_found", "asset not found");

  return response;
};
