import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

export type TalosctlLocation = { path: string | null; reason: string };

const isExecutable = async (file: string): Promise<boolean> =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

// KTIZO_TALOSCTL names the binary explicitly; otherwise the first `talosctl` on PATH.
export const findTalosctl = async (): Promise<TalosctlLocation> => {
  const configured = env().KTIZO_TALOSCTL;
  if (configured) {
    return (await isExecutable(configured))
      ? { path: configured, reason: `KTIZO_TALOSCTL=${configured}` }
      : { path: null, reason: `KTIZO_TALOSCTL=${configured} is not an executable file` };
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "talosctl");
    if (await isExecutable(candidate)) return { path: candidate, reason: `found on PATH at ${candidate}` };
  }

  return { path: null, reason: "talosctl is not on PATH and KTIZO_TALOSCTL is not set" };
};
