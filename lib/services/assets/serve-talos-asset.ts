import path from "node:path";
import { fetchFactoryAsset } from "@/lib/assets/fetch-factory-asset";
import { serveFile } from "@/lib/assets/serve-file";
import { parseAssetRef, vanillaSchematic } from "@/lib/domain/boot-assets";
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { paths } from "@/lib/paths";
import { getNetworkSettings } from "@/lib/services/network";

export type ServeTalosAssetOptions = { talosVersion: string; fileName: string; req: Request };

// Local files (placed by hand or imported) always win. Without one, the "factory" source pulls the
// file from Image Factory through ktizo (plain http for iPXE, cached for the next machine); the
// "local" source answers 404 with what is missing.
export const serveTalosAsset = async ({ talosVersion, fileName, req }: ServeTalosAssetOptions): Promise<Response> => {
  const ref = parseAssetRef(talosVersion, fileName);
  if (!ref) throw new AppError("not_found", "unknown asset: expected /api/v1/assets/talos/vX.Y.Z/{vmlinuz,initramfs}-{amd64,arm64}[.xz]");
  const file = path.join(paths().assetsDir, ref.talosVersion, ref.fileName);
  const local = await serveFile({ file, req, cacheControl: "public, max-age=3600" });
  if (local) return local;
  // A HEAD must not start a download whose body nobody reads.
  if (req.method === "HEAD") throw new AppError("not_found", `asset ${ref.talosVersion}/${ref.fileName} is not cached yet`);
  const settings = await getNetworkSettings();
  if ((settings?.assetSource ?? "factory") === "local") {
    throw new AppError("not_found", `asset ${ref.talosVersion}/${ref.fileName} is not in ${paths().assetsDir}: import it or place it there`);
  }

  return fetchFactoryAsset({
    ref,
    file,
    req,
    factoryUrl: env().KTIZO_FACTORY_URL,
    schematic: settings?.factorySchematic ?? vanillaSchematic,
  });
};
