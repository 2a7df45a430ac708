import { withRoute } from "@/lib/http/route";
import { serveTalosAsset } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

type Params = { version: string; file: string };

// GET /api/v1/assets/talos/{version}/{file} — kernel/initramfs streamed from disk (Range, ETag),
// fetched from Image Factory into the cache first when the source is "factory" and the file is missing.
export const GET = withRoute<Params>({ auth: "public", errors: "text" }, async ({ req, params }) =>
  serveTalosAsset({ talosVersion: params.version, fileName: params.file, req }),
);

export const HEAD = GET;
