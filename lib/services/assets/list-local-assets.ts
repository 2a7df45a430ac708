import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseAssetRef } from "@/lib/domain/boot-assets";
import type { LocalAssetJson } from "@/lib/schemas/asset";
import { paths } from "@/lib/paths";

// The boot assets on disk (placed by hand or imported), newest version first.
export const listLocalAssets = async (): Promise<LocalAssetJson[]> => {
  const root = paths().assetsDir;
  const versions = await readdir(root).catch(() => [] as string[]);
  const found: LocalAssetJson[] = [];
  for (const talosVersion of versions) {
    const files = await readdir(path.join(root, talosVersion)).catch(() => [] as string[]);
    for (const fileName of files) {
      if (!parseAssetRef(talosVersion, fileName)) continue;
      const info = await stat(path.join(root, talosVersion, fileName));
      found.push({ talosVersion, fileName, size: info.size, modifiedAt: info.mtime.toISOString() });
    }
  }

  return found.sort((a, b) => b.talosVersion.localeCompare(a.talosVersion, undefined, { numeric: true }) || a.fileName.localeCompare(b.fileName));
};
