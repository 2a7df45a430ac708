import { AppError } from "@/lib/domain/errors";
import { withRoute } from "@/lib/http/route";
import { serveIpxeBinary } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

type Params = { file: string };

// GET /api/v1/assets/ipxe/{file} — the iPXE binaries of the TFTP root, for UEFI HTTP boot clients.
export const GET = withRoute<Params>({ auth: "public", errors: "text" }, async ({ req, params }) => {
  const response = await serveIpxeBinary({ file: params.file, req });
  if (!response) throw new AppError("not_found", "no such iPXE binary");

  return response;
});

export const HEAD = GET;
