// `npx tsx bench/admin-process-probe.ts [seconds]` (after `npx next build`): what the rack's
// dashboard target (p99 < 300 ms during the storm, docs/benchmarks.md) would need. ktizo with two
// web processes is held at saturation by Talos-script polls of 1,000 approved and 1,000 pending
// machines (128 connections) while an admin looks at the Overview (the page, then its three data
// requests in parallel, as bench/rack/admin.ts does) about three times a second. Three arrangements,
// each in its own fresh instance:
//   shared        the admin's requests go to the same two web processes as the machines' (today);
//   own process   a third web process (same build, same database) serves only the admin;
//   own, niced    as above, and the two machine processes run at nice 10 (os.setPriority).
// The second and third are not how ktizo runs: routing admin requests to a process of their own on
// one port is not built (docs/benchmarks.md, "What the machine lane changed"). This measures whether
// it would be worth building.
import { rmSync } from "node:fs";
import { setPriority } from "node:os";
import { createBenchEnv } from "./lib/bench-env";
import { acquireLock } from "./lib/lock";
import { percentile } from "./lib/percentiles";
import { processTree, type Started } from "./lib/processes";
import { load } from "./lib/run-info";

const durationS = Number(process.argv[2] ?? 25);
const lock = process.env.KTIZO_BENCH_LOCK_HELD === "1" ? { release: () => undefined } : await acquireLock();

type Arrangement = "shared" | "own process" | "own, niced";
const overviewData = ["/api/v1/devices/rack", "/api/v1/cluster/health", "/api/v1/devices?status=pending&page=1&pageSize=20"];

const bench = createBenchEnv();
// Imported after createBenchEnv: the Prisma client binds to DATABASE_URL when first loaded.
const { setUpRack } = await import("./rack/setup");
const { seedDevices } = await import("./lib/seed");
const { credentials } = await import("./dashboard");
const { startApp } = await import("./lib/app-server");
const { runLoad } = await import("./lib/load");
const { macToHyphen } = await import("@/lib/domain/mac");

// One database for all three: the storm's writes (tokens minted, sightings) do not grow with it.
await setUpRack();
const machines = [...(await seedDevices({ count: 1000, status: "approved" })), ...(await seedDevices({ count: 1000, from: 1000, status: "pending" }))];
const { cookie } = await credentials();

const measure = async (arrangement: Arrangement): Promise<void> => {
  const started: Started[] = [];
  try {
    const app = await startApp({ ...bench.env, KTIZO_WEB_PROCESSES: "2" });
    started.push(app);
    const admin = arrangement === "shared" ? app : await startApp({ ...bench.env, KTIZO_WEB_PROCESSES: "1" });
    if (admin !== app) started.push(admin);
    if (arrangement === "own, niced") for (const pid of processTree(app.child.pid!)) setPriority(pid, 10);
    const get = async (path: string) => {
      const response = await fetch(`${admin.url}${path}`, { headers: { cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    };
    const look = async (): Promise<{ pageMs: number; lookMs: number }> => {
      const from = performance.now();
      await get("/");
      const pageMs = performance.now() - from;
      await Promise.all(overviewData.map(get));

      return { pageMs, lookMs: performance.now() - from };
    };
    for (let warm = 0; warm < 5; warm += 1) await look();
    const idle: number[] = [];
    for (let n = 0; n < 10; n += 1) idle.push((await look()).lookMs);
    let next = 0;
    const path = () => `/api/v1/boot/ipxe?mac=${macToHyphen(machines[(next++ * 7) % machines.length]!)}&arch=x86_64`;
    let storming = true;
    const looks: { pageMs: number; lookMs: number }[] = [];
    const watcher = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      while (storming) {
        looks.push(await look());
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const storm = await runLoad({ url: app.url, connections: 128, durationS, path });
    storming = false;
    await watcher;
    const figure = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} p90 ${percentile(values, 90).toFixed(0)} max ${Math.max(...values).toFixed(0)} ms`;
    console.log(
      `[admin-process] ${arrangement}: machines ${storm.rps} req/s (p99 ${storm.p99Ms} ms, errors ${storm.errors + storm.non2xx}) | idle look p50 ${percentile(idle, 50).toFixed(0)} ms | ` +
        `${looks.length} looks during the storm: page ${figure(looks.map((entry) => entry.pageMs))}, page + data ${figure(looks.map((entry) => entry.lookMs))} | load ${load().join(" ")}`,
    );
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
};

try {
  for (const arrangement of ["shared", "own process", "own, niced"] as const) await measure(arrangement);
} finally {
  rmSync(bench.root, { recursive: true, force: true });
  lock.release();
}
process.exit(0);
