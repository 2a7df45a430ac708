// `npm run bench [-- --only=boot,register,dashboard,assets,apply] [--no-build] [--duration=10]`
// Builds the production app under the shared .next lock, starts it against a throw-away bench
// directory under /tmp, runs each benchmark with its baseline in the same run, and writes
// bench/results/<name>.json. Loopback only.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startApp } from "./lib/app-server";
import { createBenchEnv } from "./lib/bench-env";
import { acquireLock } from "./lib/lock";

const all = ["boot", "register", "dashboard", "assets", "apply"] as const;
type Name = (typeof all)[number];

const arg = (name: string): string | undefined => process.argv.find((value) => value.startsWith(`--${name}=`))?.split("=")[1];
const only = (arg("only")?.split(",") ?? [...all]) as Name[];
const durationS = Number(arg("duration") ?? 10);
const repo = path.resolve(import.meta.dirname, "..");

const main = async () => {
  const lock = await acquireLock();
  const bench = createBenchEnv();
  console.log(`[bench] dir ${bench.root}; benchmarks: ${only.join(", ")}`);
  try {
    if (!process.argv.includes("--no-build")) {
      console.log("[bench] next build (production)…");
      execFileSync("npx", ["next", "build"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
    }
    // Imported after createBenchEnv: the Prisma client binds to DATABASE_URL when first loaded.
    const { seedBaseSettings } = await import("./lib/seed-settings");
    await seedBaseSettings();
    const app = await startApp(bench.env);
    try {
      if (only.includes("boot")) await (await import("./boot-storm")).bootStorm({ app, root: bench.root, durationS });
      if (only.includes("register")) await (await import("./registration-storm")).registrationStorm({ app });
      if (only.includes("dashboard")) await (await import("./dashboard")).dashboard({ app, durationS });
      if (only.includes("assets")) await (await import("./asset-streaming")).assetStreaming({ app, root: bench.root, durationS });
      if (only.includes("apply")) {
        // Needs network namespaces (root), like the network tests.
        if (process.getuid?.() !== 0) console.log("[bench] apply latency skipped: needs root for network namespaces");
        else {
          const token = await (await import("../tests/helpers/admin")).createAdminToken("bench");
          await (await import("./apply-latency")).applyLatency({ app, token, root: bench.root });
        }
      }
    } finally {
      await app.stop();
    }
  } finally {
    lock.release();
    if (!process.argv.includes("--keep")) rmSync(bench.root, { recursive: true, force: true });
  }
};

await main();
// Prisma and autocannon keep handles open; the results are written, so leave.
process.exit(0);
