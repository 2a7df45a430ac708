// `npx tsx bench/latency-probe.ts [rate] [seconds]` (after `npx next build`): a short look at latency
// at a fixed rate, without the whole ceiling benchmark. Under the shared .next lock, in one run:
// the empty route handler (bench/ceiling/) and ktizo's /boot.ipxe and pending poll at `rate` req/s
// (default 587), 64 connections, each measured with autocannon's `overallRate` and with the
// open-loop generator (bench/lib/fixed-rate.ts), plus each server's peak RSS. KTIZO_WEB_PROCESSES
// is passed through (default 1). KTIZO_PROBE_NODE_OPTIONS becomes ktizo's NODE_OPTIONS (primary and web
// processes; for --cpu-prof, --trace-gc, --heapsnapshot-signal, a --require'd probe …).
import { rmSync } from "node:fs";
import { createBenchEnv } from "./lib/bench-env";
import { buildCeiling, startCeiling } from "./lib/ceiling-app";
import { runFixedRate } from "./lib/fixed-rate";
import { runLoad, settle } from "./lib/load";
import { acquireLock } from "./lib/lock";
import { memoryOf, processTree, type Started } from "./lib/processes";
import { load } from "./lib/run-info";

const rate = Number(process.argv[2] ?? 587);
const durationS = Number(process.argv[3] ?? 10);
const connections = 64;

// KTIZO_BENCH_LOCK_HELD=1: the caller already holds the lock (`flock /tmp/ktizo-next.lock sh -c
// "npx next build && npx tsx bench/latency-probe.ts"`), so a build and the probe run in one hold.
const lock = process.env.KTIZO_BENCH_LOCK_HELD === "1" ? { release: () => undefined } : await acquireLock();
const bench = createBenchEnv();
const { seedBaseSettings } = await import("./lib/seed-settings");
const { seedDevices } = await import("./lib/seed");
const { macToHyphen } = await import("@/lib/domain/mac");
const { prisma } = await import("@/lib/db/client");
const { startApp } = await import("./lib/app-server");

const probe = async (name: string, url: string, path: () => string) => {
  await settle(url);
  const burst = await runLoad({ url, connections, durationS, overallRate: rate, path });
  await settle(url);
  const open = await runFixedRate({ url, rate, durationS, connections, path });
  console.log(`[probe] ${name} @${rate} req/s: autocannon overallRate p50 ${burst.p50Ms} p99 ${burst.p99Ms} ms | open loop p50 ${open.p50Ms} p90 ${open.p90Ms} p99 ${open.p99Ms} max ${open.maxMs} ms (send lag p99 ${open.sendLagP99Ms} ms, errors ${open.errors + open.non2xx}); load ${load().join(" ")}`);
};
const memory = (server: Started) => processTree(server.child.pid!).map((pid) => `${pid} ${memoryOf(pid).peakRssMb} MB`).join(", ");

try {
  await seedBaseSettings();
  const pending = await seedDevices({ count: 1000, status: "pending", prefix: "52:54:05" });
  await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
  buildCeiling();
  const ceiling = await startCeiling();
  try {
    await runLoad({ url: `${ceiling.url}/empty`, connections: 16, durationS: 2 });
    await probe("empty route handler", `${ceiling.url}/empty`, () => "/empty");
    console.log(`[probe] empty route handler peak RSS: ${memory(ceiling)}`);
  } finally {
    await ceiling.stop();
  }
  const app = await startApp({ ...bench.env, KTIZO_WEB_PROCESSES: process.env.KTIZO_WEB_PROCESSES ?? "1", NODE_OPTIONS: process.env.KTIZO_PROBE_NODE_OPTIONS ?? "" });
  try {
    await runLoad({ url: app.url, connections: 16, durationS: 2, path: () => "/boot.ipxe" });
    await probe("/boot.ipxe", app.url, () => "/boot.ipxe");
    let next = 0;
    await probe("pending poll", app.url, () => `/api/v1/boot/ipxe?mac=${macToHyphen(pending[next++ % pending.length]!)}&arch=x86_64`);
    console.log(`[probe] ktizo peak RSS: ${memory(app)}`);
  } finally {
    await app.stop();
  }
} finally {
  lock.release();
  rmSync(bench.root, { recursive: true, force: true });
}
process.exit(0);
