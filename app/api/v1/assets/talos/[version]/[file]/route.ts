import { assetResponse } from "@/lib/http/asset-response";
import { withRoute } from "@/lib/http/route";
import { serveTalosAsset } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

type Params = { version: string; file: string };

// GET /api/v1/assets/talos/{version}/{file} — kernel/initramfs streamed from disk (Range, ETag),
// fetched from Image Factory into the cache first when the source is "factory", the file is
// missing and the version is the cluster's configured one.
export const GET = withRoute<Params>({ auth: "public", errors: "text" }, async ({ req, params }) =>
  assetResponse({
    asset: await serveTalosAsset({ talosVersion: params.version, fileName: params.file, head: req.method === "HEAD" }),
    req,
    cacheControl: "public, max-age=3600",
  }),
);

export const HEAD = GET;
