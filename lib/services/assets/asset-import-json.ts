import type { AssetImport } from "@/lib/generated/prisma/client";
import type { AssetImportJson } from "@/lib/schemas/asset";

export const assetImportJson = (row: AssetImport): AssetImportJson => ({
  id: row.id,
  url: row.url,
  talosVersion: row.talosVersion,
  fileName: row.fileName,
  status: row.status as AssetImportJson["status"],
  bytesDone: row.bytesDone,
  bytesTotal: row.bytesTotal,
  sha256: row.sha256,
  expectedSha256: row.expectedSha256,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
