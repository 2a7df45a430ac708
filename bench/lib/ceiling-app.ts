import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startProcess, type Started } from "./processes";

// The ceiling (bench/ceiling/): a minimal App Router app with one empty route handler, built with
// the repository's own `next` and started like ktizo (a node:http server calling Next's handler).
// It is built from a copy under /tmp: built in place, Turbopack takes the repository as its root
// and bundles ktizo's instrumentation.ts into it, which would no longer be an empty app.
const repo = path.resolve(import.meta.dirname, "../..");
const source = path.join(repo, "bench/ceiling");
const nextVersion = (JSON.parse(readFileSync(path.join(repo, "node_modules/next/package.json"), "utf8")) as { version: string }).version;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);

    return entry.isDirectory() ? sourceFiles(file) : [file];
  });

// Rebuilt when the sources or the Next version change; one directory per repository checkout.
const stampOf = (): string => {
  const hash = createHash("sha256").update(nextVersion);
  for (const file of sourceFiles(source).sort()) hash.update(path.relative(source, file)).update(readFileSync(file));

  return hash.digest("hex").slice(0, 16);
};

export const ceilingDir = path.join(tmpdir(), `ktizo-bench-ceiling-${createHash("sha256").update(repo).digest("hex").slice(0, 8)}`);

export const buildCeiling = (): { dir: string; nextVersion: string; built: boolean } => {
  const stamp = stampOf();
  const stampFile = path.join(ceilingDir, ".ktizo-stamp");
  if (existsSync(path.join(ceilingDir, ".next/BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
    return { dir: ceilingDir, nextVersion, built: false };
  }
  rmSync(ceilingDir, { recursive: true, force: true });
  mkdirSync(ceilingDir, { recursive: true });
  cpSync(source, ceilingDir, { recursive: true });
  symlinkSync(path.join(repo, "node_modules"), path.join(ceilingDir, "node_modules"));
  console.log(`[bench] next build of the ceiling app (Next ${nextVersion}) in ${ceilingDir}…`);
  execFileSync(process.execPath, [path.join(repo, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ceilingDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  // The guard against the repository's instrumentation.ts (or proxy.ts) leaking in: an empty app has neither.
  if (existsSync(path.join(ceilingDir, ".next/server/instrumentation.js"))) throw new Error("the ceiling build contains an instrumentation hook: it is not an empty app");
  writeFileSync(stampFile, stamp);

  return { dir: ceilingDir, nextVersion, built: true };
};

export const startCeiling = async (): Promise<Started> =>
  startProcess([path.join(ceilingDir, "server.mjs")], { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, await freePort(), "/empty");
