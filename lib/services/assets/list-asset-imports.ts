import { findAssetImport, listAssetImportRows } from "@/lib/data/asset-imports";
import { AppError } from "@/lib/domain/errors";
import type { AssetImportJson } from "@/lib/schemas/asset";

export const listAssetImports = (limit = 50): Promise<AssetImportJson[]> => listAssetImportRows(limit);

export const getAssetImportOrThrow = async (id: string): Promise<AssetImportJson> => {
  const job = await findAssetImport(id);
  if (!job) throw new AppError("not_found", "asset import not found");

  return job;
};
