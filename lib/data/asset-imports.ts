import { prisma } from "@/lib/db/client";
import type { AssetImport } from "@/lib/generated/prisma/client";
import type { AssetImportJson } from "@/lib/schemas/asset";
import type { Db } from "./db";

const importOf = (row: AssetImport): AssetImportJson => ({
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

export const listAssetImportRows = async (limit: number): Promise<AssetImportJson[]> =>
  (await prisma.assetImport.findMany({ orderBy: { createdAt: "desc" }, take: limit })).map(importOf);

export const findAssetImport = async (id: string): Promise<AssetImportJson | null> => {
  const row = await prisma.assetImport.findUnique({ where: { id } });

  return row ? importOf(row) : null;
};

type TargetOptions = { talosVersion: string; fileName: string; activeSince: Date; db?: Db };

// The id of a queued or downloading import of the same file that reported progress since `activeSince`.
export const findActiveImportOf = async ({ talosVersion, fileName, activeSince, db = prisma }: TargetOptions): Promise<string | null> =>
  (
    await db.assetImport.findFirst({
      where: { talosVersion, fileName, status: { in: ["queued", "downloading"] }, updatedAt: { gt: activeSince } },
      select: { id: true },
    })
  )?.id ?? null;

export type NewAssetImport = { url: string; talosVersion: string; fileName: string; expectedSha256: string | null };

export const insertAssetImport = async ({ job, db = prisma }: { job: NewAssetImport; db?: Db }): Promise<AssetImportJson> =>
  importOf(await db.assetImport.create({ data: job }));

export const markImportDownloading = async (id: string): Promise<AssetImportJson> =>
  importOf(await prisma.assetImport.update({ where: { id }, data: { status: "downloading", error: null } }));

export const recordImportProgress = async ({ id, bytesDone, bytesTotal }: { id: string; bytesDone: number; bytesTotal: number | null }): Promise<void> => {
  await prisma.assetImport.update({ where: { id }, data: { bytesDone, bytesTotal } });
};

export type ImportOutcome = { bytesDone?: number; bytesTotal?: number; sha256?: string; error?: string };

export const finishAssetImport = async ({ id, status, outcome, db = prisma }: { id: string; status: "done" | "failed"; outcome: ImportOutcome; db?: Db }): Promise<AssetImportJson> =>
  importOf(await db.assetImport.update({ where: { id }, data: { status, ...outcome } }));

// The worker's asset-imports job takes queued imports here: a compare-and-set from "queued", so a
// row is taken by one run only even if two workers ever ran side by side.
export const claimQueuedImports = async (limit: number): Promise<string[]> => {
  const queued = await prisma.assetImport.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, take: limit, select: { id: true } });
  const claimed: string[] = [];
  for (const { id } of queued) {
    const { count } = await prisma.assetImport.updateMany({ where: { id, status: "queued" }, data: { status: "downloading", error: null } });
    if (count === 1) claimed.push(id);
  }

  return claimed;
};
