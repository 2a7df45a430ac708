import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Golden files are written only by `npm run test:update-goldens` (KTIZO_UPDATE_GOLDENS=1), never
// by a test run: a missing golden is a failure, so a deleted or forgotten file cannot pass by
// being recreated from the very output it should check. Under CI even the update switch is refused.
export const updatingGoldens = (): boolean => {
  if (process.env.KTIZO_UPDATE_GOLDENS !== "1") return false;
  if (process.env.CI === "true") throw new Error("KTIZO_UPDATE_GOLDENS=1 under CI: golden files are never written by a CI run");

  return true;
};

// The golden text for `file`: written from `rendered` when updating, else read (missing: thrown).
export const golden = async ({ file, rendered }: { file: string; rendered: string }): Promise<string> => {
  if (updatingGoldens()) await writeFile(file, rendered);
  if (!existsSync(file)) {
    throw new Error(`golden file ${path.relative(process.cwd(), file)} is missing: run \`npm run test:update-goldens\` and review the diff`);
  }

  return readFile(file, "utf8");
};

// Every golden file in `dir` with `ext`, for the independent checks and the orphan check.
export const goldenFiles = async ({ dir, ext }: { dir: string; ext: string }): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.endsWith(ext)).sort().map((name) => path.join(dir, name));
