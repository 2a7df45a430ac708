import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";

// What identifies a bench run: the commit it measured, when, and how busy the shared machine was.
// run.ts sets KTIZO_BENCH_RUN once, so every result of one `npm run bench` (and the rack's child
// process) carries the same run id; bench/report-md.ts renders only results of one run.
const repo = path.resolve(import.meta.dirname, "../..");

export type RunInfo = { runId: string; commit: string; dirty: boolean; startedAt: string };

const git = (args: string[]): string => {
  try {
    return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
};

export const currentRun = (): RunInfo => {
  const existing = process.env.KTIZO_BENCH_RUN;
  if (existing) return JSON.parse(existing) as RunInfo;
  const startedAt = new Date().toISOString();
  const commit = git(["rev-parse", "HEAD"]) || "unknown";
  // Result files and the pages rendered from them are outputs, not what is measured.
  const dirty = git(["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results", ":(exclude)docs/benchmarks.md", ":(exclude)README.md"]) !== "";
  const info = { runId: `${startedAt}-${commit.slice(0, 8)}`, commit, dirty, startedAt };
  process.env.KTIZO_BENCH_RUN = JSON.stringify(info);

  return info;
};

export const load = (): number[] => loadavg().map((value) => Math.round(value * 100) / 100);
