import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { assetImportIdSchema } from "@/lib/schemas/asset";
import { getAssetImportOrThrow } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/assets/imports/{id} — one import: status, bytesDone/bytesTotal, sha256, error.
export const GET = withRoute<Params>({ auth: "admin" }, async ({ params }) =>
  json(await getAssetImportOrThrow(assetImportIdSchema.parse(params).id)),
);
