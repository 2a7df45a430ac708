// `npm run bench [-- --only=ceiling,register,dashboard,assets,apply,rack,boot] [--no-build] [--duration=10] [--keep]`
// Builds the production app under the shared .next lock, starts it against a throw-away bench
// directory under /tmp, runs each benchmark with its baselines in the same run, and writes
// bench/results/<name>.json (each with the run id, commit and load average: bench/lib/run-info.ts).
// `node --import tsx bench/report-md.ts` then renders docs/benchmarks.md and the README table from
// one run. Loopback only. The default set leaves out `boot` (the old boot storm against bare
// node:http only; `ceiling` measures the same routes against both baselines).
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startApp } from "./lib/app-server";
import { createBenchEnv } from "./lib/bench-env";
import { acquireLock } from "./lib/lock";
import { beginBenchmark } from "./lib/report";
import { currentRun, load } from "./lib/run-info";

const defaults = ["ceiling", "register", "dashboard", "assets", "apply", "rack"] as const;
const known = [...defaults, "boot"] as const;
type Name = (typeof known)[number];

const arg = (name: string): string | undefined => process.argv.find((value) => value.startsWith(`--${name}=`))?.split("=")[1];
const only = (arg("only")?.split(",") ?? [...defaults]) as Name[];
const unknown = only.filter((name) => !(known as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`[bench] unknown benchmark ${unknown.join(", ")}; known: ${known.join(", ")}`);
  process.exit(2);
}
const durationS = Number(arg("duration") ?? 10);
const repo = path.resolve(import.meta.dirname, "..");
const appBenchmarks: Name[] = ["boot", "register", "dashboard", "assets", "apply"];

// The rack runs in a process of its own: its own bench directory, database and settings (the
// Prisma client binds to DATABASE_URL when first loaded), its own web server and worker.
const runRack = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "rack-main.ts"), ...process.argv.slice(2).filter((value) => value === "--keep")], { cwd: repo, stdio: "inherit", env: process.env });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`rack exited with ${code}`))));
  });

const main = async () => {
  const run = currentRun();
  const lock = await acquireLock();
  const bench = createBenchEnv();
  console.log(`[bench] run ${run.runId} (commit ${run.commit}${run.dirty ? ", uncommitted changes" : ""}); load average ${load().join(" ")}`);
  console.log(`[bench] dir ${bench.root}; benchmarks: ${only.join(", ")}`);
  try {
    if (!process.argv.includes("--no-build")) {
      console.log("[bench] next build (production)…");
      execFileSync("npx", ["next", "build"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
    }
    // Imported after createBenchEnv: the Prisma client binds to DATABASE_URL when first loaded.
    const { seedBaseSettings } = await import("./lib/seed-settings");
    await seedBaseSettings();
    if (only.includes("ceiling")) {
      beginBenchmark("ceiling");
      await (await import("./boot-ceiling")).bootCeiling({ root: bench.root, env: bench.env, durationS });
    }
    if (only.some((name) => appBenchmarks.includes(name))) {
      const app = await startApp(bench.env);
      try {
        if (only.includes("boot")) {
          beginBenchmark("boot-storm");
          await (await import("./boot-storm")).bootStorm({ app, root: bench.root, durationS });
        }
        if (only.includes("register")) {
          beginBenchmark("registration-storm");
          await (await import("./registration-storm")).registrationStorm({ app });
        }
        if (only.includes("dashboard")) {
          beginBenchmark("dashboard");
          await (await import("./dashboard")).dashboard({ app, durationS });
        }
        if (only.includes("assets")) {
          beginBenchmark("asset-streaming");
          await (await import("./asset-streaming")).assetStreaming({ app, root: bench.root, durationS });
        }
        if (only.includes("apply")) {
          // Needs network namespaces (root), like the network tests.
          if (process.getuid?.() !== 0) console.log("[bench] apply latency skipped: needs root for network namespaces");
          else {
            beginBenchmark("apply-latency");
            const token = await (await import("../tests/helpers/admin")).createAdminToken("bench");
            await (await import("./apply-latency")).applyLatency({ app, token, root: bench.root });
          }
        }
      } finally {
        await app.stop();
      }
    }
    if (only.includes("rack")) await runRack();
  } finally {
    lock.release();
    if (!process.argv.includes("--keep")) rmSync(bench.root, { recursive: true, force: true });
  }
  console.log(`\n[bench] run ${run.runId} done; load average ${load().join(" ")}. Render the report: node --import tsx bench/report-md.ts`);
};

await main();
// Prisma and autocannon keep handles open; the results are written, so leave.
process.exit(0);
