// `npm run bench -- --only=rack` runs this in a process of its own (bench/run.ts): the whole-rack
// simulation against a fresh bench directory, with the production web server and the worker
// started as `npm start` starts them (KTIZO_WEB_PROCESSES passed through when set).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startApp } from "./lib/app-server";
import { createBenchEnv } from "./lib/bench-env";
import { namedProcesses } from "./lib/process-roles";
import { cpuSecondsOf, stopChild } from "./lib/processes";
import { beginBenchmark } from "./lib/report";
import { webProcessesSupported } from "./lib/web-processes";

const machines = Number(process.env.KTIZO_RACK_MACHINES ?? 2000);
const repo = path.resolve(import.meta.dirname, "..");
const bench = createBenchEnv();
beginBenchmark("rack");
// Imported after createBenchEnv: the Prisma client binds to DATABASE_URL when first loaded.
const { prepareRack, runRack } = await import("./rack/run-rack");
const { reportRack } = await import("./rack/report-rack");
const { talosVersion } = await prepareRack();
const app = await startApp(bench.env);
// The worker as `npm start` runs it; it never starts dnsmasq here: nothing is applied, and the
// binary is /bin/false in case it tried.
const worker = spawn(process.execPath, ["--import", "tsx", path.join(repo, "worker/index.ts")], {
  cwd: repo,
  env: { ...process.env, ...bench.env, KTIZO_DNSMASQ: "/bin/false" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  if (worker.exitCode !== null) throw new Error(`the worker exited at start (${worker.exitCode})`);
  // CPU used during the storm by each process on this machine, the simulated rack (this process:
  // 2,000 machines' HTTP clients and the admin) included: it shares the cores with ktizo here,
  // where on a real rack every machine is its own computer.
  const servers = () => [...namedProcesses({ kind: "web", root: app.child.pid! }), ...namedProcesses({ kind: "worker", root: worker.pid! })];
  const cpuBefore = new Map(servers().map((entry) => [entry.pid, cpuSecondsOf(entry.pid)]));
  const simulatorBefore = process.cpuUsage();
  const stormStarted = performance.now();
  const result = await runRack({ url: app.url, machines, powerOnS: 10, batchSize: 100, budgetS: Number(process.env.KTIZO_RACK_BUDGET_S ?? 270) });
  const stormS = (performance.now() - stormStarted) / 1000;
  const simulator = process.cpuUsage(simulatorBefore);
  const memory = servers();
  const cpu = {
    wallS: Math.round(stormS * 10) / 10,
    processes: [
      ...memory.map((entry) => ({ role: entry.role, cpuS: Math.round((cpuSecondsOf(entry.pid) - (cpuBefore.get(entry.pid) ?? 0)) * 10) / 10 })),
      { role: "simulated rack and admin (the benchmark)", cpuS: Math.round((simulator.user + simulator.system) / 1e5) / 10 },
    ],
  };
  reportRack({ ...result, machines, memory, cpu, talosVersion, webProcesses: process.env.KTIZO_WEB_PROCESSES ?? null, webProcessesSupported: webProcessesSupported() });
} finally {
  await Promise.all([app.stop(), stopChild(worker, "SIGTERM")]);
  if (!process.argv.includes("--keep")) rmSync(bench.root, { recursive: true, force: true });
}
process.exit(0);
