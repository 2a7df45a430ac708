// The cluster's primary: checks the environment, creates the admin from the environment once, forks
// the web processes, restarts one that dies (with backoff, logged) and forwards SIGTERM/SIGINT so
// each child closes and flushes its batched sightings. It serves no request itself.
import cluster, { type Worker } from "node:cluster";
import { networkInterfaces } from "node:os";
import { backoffDelayMs } from "@/lib/domain/backoff";
import { env, environmentProblems } from "@/lib/env";
import { bootstrapFromEnv, needsFirstAdmin } from "@/lib/services/auth";
import { webProcessCount } from "@/lib/web-processes";

const log = (message: string) => console.log(`[web] ${message}`);
const problems = environmentProblems();
if (problems.length > 0) {
  for (const problem of problems) console.error(`[web] invalid setting ${problem}`);
  process.exit(2);
}
const { PORT: port, HOST: hostname } = env();
const count = webProcessCount();
// A child that dies soon after its start counts as a failure in a row; one that ran a while resets it.
const restartBackoff = { baseMs: 500, factor: 2, capMs: 30_000 };
const healthyAfterMs = 30_000;
// A child that keeps dying before it ever listens (port taken, build missing) will not recover by
// itself: after this many in a row the primary exits, so `npm start` (run-all.ts) stops the rest.
const maxFailedStarts = 5;
const stopTimeoutMs = 10_000;

await bootstrapFromEnv();

// The address an admin can type: the bound one, or (bound to every interface) the first external IPv4.
const reachableHost = (): string => {
  if (hostname !== "0.0.0.0" && hostname !== "::") return hostname;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal);

  return external?.address ?? "localhost";
};

let stopping = false;
let announced = false;
const failuresOf = new Map<number, number>();
const live = new Set<Worker>();

let failedStarts = 0;

const fork = (slot: number): void => {
  const startedAt = Date.now();
  let listened = false;
  // Every child learns the resolved count: budgets meant for all processes are split by it (lib/web-processes.ts).
  const child: Worker = cluster.fork({ KTIZO_WEB_PROCESSES: String(count) });
  live.add(child);
  child.once("listening", () => {
    listened = true;
    failedStarts = 0;
    if (announced) return;
    announced = true;
    log(`ktizo listening on http://${hostname}:${port} (${count} web process${count === 1 ? "" : "es"})`);
    void needsFirstAdmin().then((firstRun) => {
      const base = `http://${reachableHost()}:${port}`;
      log(firstRun ? `open ${base}/setup to create the admin` : `open ${base}/ to sign in`);
    });
  });
  child.once("exit", (code, signal) => {
    live.delete(child);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      log(`web process ${child.process.pid} exited (${how})`);
      if (live.size === 0) process.exit(exitCode);

      return;
    }
    failedStarts = listened ? 0 : failedStarts + 1;
    if (failedStarts >= maxFailedStarts) {
      console.error(`[web] ${failedStarts} web processes in a row died before listening on ${hostname}:${port} (last: ${how}); giving up`);
      stop("SIGTERM", 1);

      return;
    }
    const failures = Date.now() - startedAt < healthyAfterMs ? (failuresOf.get(slot) ?? 0) + 1 : 1;
    failuresOf.set(slot, failures);
    const delayMs = backoffDelayMs({ failures, backoff: restartBackoff, jitter: Math.random() });
    console.error(`[web] web process ${child.process.pid} died (${how}); restarting it in ${delayMs} ms (failure ${failures} in a row)`);
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delayMs);
  });
};

let exitCode = 0;
const stop = (signal: NodeJS.Signals, code = 0): void => {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  const children = [...live];
  log(`${signal}: stopping ${children.length} web process${children.length === 1 ? "" : "es"}`);
  if (children.length === 0) process.exit(exitCode);
  // The child's own handler closes its server and flushes its sightings (scripts/web-process.ts).
  for (const child of children) child.process.kill(signal);
  setTimeout(() => {
    for (const child of live) child.process.kill("SIGKILL");
    process.exit(1);
  }, stopTimeoutMs).unref();
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

for (let slot = 0; slot < count; slot += 1) fork(slot);
