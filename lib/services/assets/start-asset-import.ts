import type { Actor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { startAssetImportSchema, type AssetImportJson } from "@/lib/schemas/asset";
import { assetImportJson } from "./asset-import-json";
import { runAssetImport } from "./run-asset-import";

export type StartAssetImportOptions = { body: unknown; actor: Actor; sourceIp?: string | null };

// A download that has not reported progress for this long was cut off by a restart: it may be resumed.
const staleAfterMs = 60_000;

// Answers at once with the queued job; the download runs in the background and its progress is
// read from GET /api/v1/assets/imports/{id}. Only one download per target file at a time.
export const startAssetImport = async ({ body, actor, sourceIp = null }: StartAssetImportOptions): Promise<AssetImportJson> => {
  const input = startAssetImportSchema.parse(body);
  const row = await prisma.$transaction(async (tx) => {
    const running = await tx.assetImport.findFirst({
      where: {
        talosVersion: input.talosVersion,
        fileName: input.fileName,
        status: { in: ["queued", "downloading"] },
        updatedAt: { gt: new Date(Date.now() - staleAfterMs) },
      },
    });
    if (running) throw new AppError("conflict", `${input.talosVersion}/${input.fileName} is already being imported (${running.id})`);
    const created = await tx.assetImport.create({
      data: { url: input.url, talosVersion: input.talosVersion, fileName: input.fileName, expectedSha256: input.sha256 ?? null },
    });
    await recordEvent({ type: "asset.import_started", actor, sourceIp, details: { id: created.id, url: input.url, fileName: input.fileName } }, tx);

    return created;
  });
  void runAssetImport(row.id, actor).catch((error: unknown) => console.error("[assets] import crashed", row.id, error));

  return assetImportJson(row);
};
