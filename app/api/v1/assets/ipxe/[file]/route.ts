import { AppError } from "@/lib/domain/errors";
import { assetResponse } from "@/lib/http/asset-response";
import { withRoute } from "@/lib/http/route";
import { serveIpxeBinary } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

type Params = { file: string };

// GET /api/v1/assets/ipxe/{file} — the iPXE binaries of the TFTP root, for UEFI HTTP boot clients.
export const GET = withRoute<Params>({ auth: "public", errors: "text" }, async ({ req, params }) => {
  const asset = serveIpxeBinary({ file: params.file });
  if (!asset) throw new AppError("not_found", "no such iPXE binary");

  return assetResponse({ asset, req, cacheControl: "no-cache" });
});

export const HEAD = GET;
