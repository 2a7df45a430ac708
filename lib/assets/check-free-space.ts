import { mkdir, statfs } from "node:fs/promises";
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";

// Before a boot asset is pulled or imported: the file (when its size is known) plus a reserve
// (KTIZO_ASSET_MIN_FREE_MB) must fit on the data disk, so anonymous boot traffic can never fill it.
export const checkFreeSpace = async ({ dir, bytes }: { dir: string; bytes: number | null }): Promise<void> => {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const info = await statfs(dir);
  const free = Number(info.bavail) * Number(info.bsize);
  const needed = (bytes ?? 0) + env().KTIZO_ASSET_MIN_FREE_MB * 1024 * 1024;
  if (free < needed) {
    const mib = (value: number) => `${Math.ceil(value / 1024 / 1024)} MiB`;
    throw new AppError("unavailable", `not enough free disk space for this boot asset: ${mib(free)} free, ${mib(needed)} needed (KTIZO_ASSET_MIN_FREE_MB keeps ${env().KTIZO_ASSET_MIN_FREE_MB} MiB free)`);
  }
};
