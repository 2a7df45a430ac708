import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

// Every benchmark writes bench/results/<name>.json and prints its figures with the ratio to the
// baseline measured in the same run (these machines are noisy: only ratios compare across runs).
export const resultsDir = path.resolve(import.meta.dirname, "../results");

export type Check = { name: string; target: string; value: number | string; pass: boolean };

export const ratio = (value: number, baseline: number): number => (baseline > 0 ? Math.round((value / baseline) * 1000) / 1000 : 0);

export const writeResult = (name: string, result: Record<string, unknown> & { checks: Check[] }): void => {
  mkdirSync(resultsDir, { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) };
  const document = { benchmark: name, at: new Date().toISOString(), machine, ...result };
  writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`\n== ${name} ==`);
  for (const check of result.checks) console.log(`  ${check.pass ? "PASS" : "MISS"}  ${check.name}: ${check.value} (target ${check.target})`);
};
