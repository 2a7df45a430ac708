// `npx tsx bench/admin-process-probe.ts [seconds]` (after `npx next build`): the Overview while the
// machine web processes are saturated. ktizo with two machine processes is held at saturation by
// Talos-script polls of 1,000 approved and 1,000 pending machines (128 connections) while an admin
// looks at the Overview (the page, then its three data requests in parallel, as bench/rack/admin.ts
// does) about three times a second. At 32203a3, before the admin process, it compared three
// arrangements (docs/benchmarks.md, "What the machine lane changed"): the admin sharing the
// machines' processes, a process of its own, and one of its own with the machine processes at nice
// 10. ktizo now runs as the last (scripts/web-cluster.ts), and this measures it as it runs.
import { rmSync } from "node:fs";
import { createBenchEnv } from "./lib/bench-env";
import { acquireLock } from "./lib/lock";
import { percentile } from "./lib/percentiles";
import type { Started } from "./lib/processes";
import { load } from "./lib/run-info";

const durationS = Number(process.argv[2] ?? 25);
const lock = process.env.KTIZO_BENCH_LOCK_HELD === "1" ? { release: () => undefined } : await acquireLock();

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

const measure = async (): Promise<void> => {
  const app: Started = await startApp({ ...bench.env, KTIZO_WEB_PROCESSES: "2" });
  try {
    const get = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
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
      `[admin-process] machines ${storm.rps} req/s (p99 ${storm.p99Ms} ms, errors ${storm.errors + storm.non2xx}) | idle look p50 ${percentile(idle, 50).toFixed(0)} ms | ` +
        `${looks.length} looks during the storm: page ${figure(looks.map((entry) => entry.pageMs))}, page + data ${figure(looks.map((entry) => entry.lookMs))} | load ${load().join(" ")}`,
    );
  } finally {
    await app.stop();
  }
};

try {
  await measure();
} finally {
  rmSync(bench.root, { recursive: true, force: true });
  lock.release();
}
process.exit(0);
