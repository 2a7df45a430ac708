import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { startAssetImportSchema } from "@/lib/schemas/asset";
import { listAssetImports } from "@/lib/services/assets";
import { listLocalAssets } from "@/lib/services/assets";
import { startAssetImport } from "@/lib/services/assets";

export const dynamic = "force-dynamic";

// GET /api/v1/assets/imports — recent imports with progress, and the assets on disk.
export const GET = withRoute({ auth: "admin" }, async () => {
  const [items, local] = await Promise.all([listAssetImports(), listLocalAssets()]);

  return json({ items, local });
});

// POST /api/v1/assets/imports — start a background download {url, talosVersion, fileName, sha256?} (202).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const body = await readJson(req, { schema: startAssetImportSchema });

  return json(await startAssetImport({ body, actor: actorOf(principal), sourceIp }), 202);
});
