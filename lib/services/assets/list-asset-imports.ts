import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import type { AssetImportJson } from "@/lib/schemas/asset";
import { assetImportJson } from "./asset-import-json";

export const listAssetImports = async (limit = 50): Promise<AssetImportJson[]> =>
  (await prisma.assetImport.findMany({ orderBy: { createdAt: "desc" }, take: limit })).map(assetImportJson);

export const getAssetImportOrThrow = async (id: string): Promise<AssetImportJson> => {
  const row = await prisma.assetImport.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "asset import not found");

  return assetImportJson(row);
};
