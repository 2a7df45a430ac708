import { access } from "node:fs/promises";
import path from "node:path";
import { fetchFactoryAsset, type AssetBody } from "@/lib/assets/fetch-factory-asset";
import { parseAssetRef, vanillaSchematic } from "@/lib/domain/boot-assets";
import { AppError } from "@/lib/domain/errors";
import { leaveMachineLane } from "@/lib/http/machine-lane";
import { env } from "@/lib/env";
import { paths } from "@/lib/paths";
import { getClusterSettings } from "@/lib/services/cluster";
import { getNetworkSettings } from "@/lib/services/network";

export type ServeTalosAssetOptions = { talosVersion: string; fileName: string; head?: boolean };

const exists = (file: string) => access(file).then(() => true, () => false);

// Which bytes answer GET /api/v1/assets/talos/{version}/{file} (the route turns them into a
// response). Local files (imported or placed by hand) win; then the pull-through cache of the
// configured schematic. Only the cluster's configured Talos version is ever pulled from Image
// Factory: anonymous callers on the provisioning network must not make ktizo download (and keep)
// any version they name. Versions already on disk are served as they are.
export const serveTalosAsset = async ({ talosVersion, fileName, head = false }: ServeTalosAssetOptions): Promise<AssetBody> => {
  const ref = parseAssetRef(talosVersion, fileName);
  if (!ref) throw new AppError("not_found", "unknown asset: expected /api/v1/assets/talos/vX.Y.Z/{vmlinuz,initramfs}-{amd64,arm64}[.xz]");
  const local = path.join(paths().assetsDir, ref.talosVersion, ref.fileName);
  if (await exists(local)) return { kind: "file", file: local };
  const settings = await getNetworkSettings();
  const schematic = settings?.factorySchematic ?? vanillaSchematic;
  // The schematic is part of the cache path: changing it never serves the old schematic's kernel.
  const cached = path.join(paths().assetCacheDir, schematic, ref.talosVersion, ref.fileName);
  if (await exists(cached)) return { kind: "file", file: cached };
  // A HEAD must not start a download whose body nobody reads.
  if (head) throw new AppError("not_found", `asset ${ref.talosVersion}/${ref.fileName} is not cached yet`);
  if ((settings?.assetSource ?? "factory") === "local") {
    throw new AppError("not_found", `asset ${ref.talosVersion}/${ref.fileName} is not in ${paths().assetsDir}: import it or place it there`);
  }
  const configured = (await getClusterSettings())?.talosVersion ?? null;
  if (ref.talosVersion !== configured) {
    throw new AppError("not_found", `asset ${ref.talosVersion}/${ref.fileName} is not on disk, and only the cluster's Talos version (${configured ?? "none configured"}) is pulled from Image Factory`);
  }

  // The pull waits on Image Factory, not on this process's CPU (lib/http/machine-lane.ts).
  leaveMachineLane();

  return fetchFactoryAsset({ ref, file: cached, factoryUrl: env().KTIZO_FACTORY_URL, schematic });
};
