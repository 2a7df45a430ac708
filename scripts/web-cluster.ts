// The cluster's primary: checks the environment, creates the admin from the environment once, forks
// the web processes (one admin process and KTIZO_WEB_PROCESSES machine processes), restarts one that
// dies (with backoff, logged) and forwards SIGTERM/SIGINT so each child closes and flushes its
// batched sightings. It owns the port: it accepts each connection, reads its first request line and
// hands the socket to the admin process or, round robin, to a machine process
// (lib/http/connection-role.ts; docs/architecture.md, "Processes"). It answers no request itself.
import cluster, { type Worker } from "node:cluster";
import { createServer, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { backoffDelayMs } from "@/lib/domain/backoff";
import { connectionRoleOf, type ConnectionRole } from "@/lib/http/connection-role";
import { env, environmentProblems } from "@/lib/env";
import { firstLineOf, handedConnection, readFirstLine } from "@/lib/http/handed-connections";
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
// A client gets this long to send its first request line (Node's own headersTimeout is 60 s for a
// whole head); one that sends nothing is closed without reaching a web process.
const firstLineTimeoutMs = 10_000;

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
type Child = { worker: Worker; role: ConnectionRole; ready: boolean };
const live = new Set<Child>();
// Slot 0 is the admin process; slots 1..count the machine processes.
const roleOf = (slot: number): ConnectionRole => (slot === 0 ? "admin" : "machine");

let failedStarts = 0;

const fork = (slot: number): void => {
  const startedAt = Date.now();
  const role = roleOf(slot);
  // Every child learns the resolved count: budgets meant for all processes are split by it (lib/web-processes.ts).
  const worker: Worker = cluster.fork({ KTIZO_WEB_PROCESSES: String(count), KTIZO_WEB_ROLE: role });
  const child: Child = { worker, role, ready: false };
  live.add(child);
  worker.on("message", (message: { type?: unknown } | null) => {
    if (message?.type !== "ktizo:ready" || child.ready) return;
    child.ready = true;
    failedStarts = 0;
    listen();
    releaseWaiting(role);
  });
  worker.once("exit", (code, signal) => {
    live.delete(child);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      log(`${role} web process ${worker.process.pid} exited (${how})`);
      if (live.size === 0) process.exit(exitCode);

      return;
    }
    failedStarts = child.ready ? 0 : failedStarts + 1;
    if (failedStarts >= maxFailedStarts) {
      console.error(`[web] ${failedStarts} web processes in a row died before they were ready (last: ${how}); giving up`);
      stop("SIGTERM", 1);

      return;
    }
    const failures = Date.now() - startedAt < healthyAfterMs ? (failuresOf.get(slot) ?? 0) + 1 : 1;
    failuresOf.set(slot, failures);
    const delayMs = backoffDelayMs({ failures, backoff: restartBackoff, jitter: Math.random() });
    console.error(`[web] ${role} web process ${worker.process.pid} died (${how}); restarting it in ${delayMs} ms (failure ${failures} in a row)`);
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delayMs);
  });
};

// A connection goes to a ready process of its role, round robin. It never goes to the other role: a
// machine handed to the admin process while its own were starting would stay there, at the admin's
// priority, for as long as it keeps its connection (a polling machine keeps it for good), and a
// browser would stay on a machine process. While no process of its role is ready (at start, or
// one restarting) it waits, in a bounded queue, for at most waitForProcessMs.
const waitForProcessMs = 30_000;
const maxWaitingPerRole = 1_000;
type Waiting = { socket: Socket; head: Buffer; timer: NodeJS.Timeout };
const waiting: Record<ConnectionRole, Waiting[]> = { admin: [], machine: [] };
// One turn per role: with a shared one, every admin connection (a pool of one) reset the machines'
// rotation, so the machine connection after it always went to the same process.
const turns: Record<ConnectionRole, number> = { admin: 0, machine: 0 };
const pick = (role: ConnectionRole): Worker | null => {
  const pool = [...live].filter((child) => child.ready && child.role === role);
  if (pool.length === 0) return null;
  turns[role] = (turns[role] + 1) % pool.length;

  return pool[turns[role]]!.worker;
};

const handOver = (socket: Socket, head: Buffer, role: ConnectionRole): void => {
  if (socket.destroyed) return;
  const target = pick(role);
  if (target) {
    target.send(handedConnection(head), socket, { keepOpen: false }, (error: Error | null) => {
      if (error) socket.destroy();
    });

    return;
  }
  if (waiting[role].length >= maxWaitingPerRole) {
    socket.destroy();

    return;
  }
  const entry: Waiting = { socket, head, timer: setTimeout(() => socket.destroy(), waitForProcessMs) };
  waiting[role].push(entry);
};

// A process of `role` became ready: the connections waiting for one go to it (and its peers).
const releaseWaiting = (role: ConnectionRole): void => {
  for (const entry of waiting[role].splice(0)) {
    clearTimeout(entry.timer);
    handOver(entry.socket, entry.head, role);
  }
};

const dispatch = async (socket: Socket): Promise<void> => {
  // A reset before the hand-over leaves nothing to do; the socket closes itself.
  socket.on("error", () => undefined);
  const head = await readFirstLine(socket, { timeoutMs: firstLineTimeoutMs });
  if (!head) return;
  handOver(socket, head, connectionRoleOf(firstLineOf(head)));
};

const server = createServer({ noDelay: true }, (socket) => void dispatch(socket));
// A port that cannot be bound ends the primary (and with it `npm start`): nothing could be served.
server.once("error", (error) => {
  console.error(`[web] cannot listen on ${hostname}:${port}: ${error.message}`);
  stop("SIGTERM", 1);
});

// The port opens once the first web process is ready: until then a client is refused, as before
// anything listened, rather than accepted and kept waiting.
const listen = (): void => {
  if (announced || stopping) return;
  announced = true;
  server.listen(port, hostname, () => {
    log(`ktizo listening on http://${hostname}:${port} (1 admin and ${count} machine web process${count === 1 ? "" : "es"})`);
    void needsFirstAdmin().then((firstRun) => {
      const base = `http://${reachableHost()}:${port}`;
      log(firstRun ? `open ${base}/setup to create the admin` : `open ${base}/ to sign in`);
    });
  });
};

let exitCode = 0;
const stop = (signal: NodeJS.Signals, code = 0): void => {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  server.close();
  const children = [...live];
  log(`${signal}: stopping ${children.length} web process${children.length === 1 ? "" : "es"}`);
  if (children.length === 0) process.exit(exitCode);
  // The child's own handler closes its server and flushes its sightings (scripts/web-process.ts).
  for (const child of children) child.worker.process.kill(signal);
  setTimeout(() => {
    for (const child of live) child.worker.process.kill("SIGKILL");
    process.exit(1);
  }, stopTimeoutMs).unref();
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

for (let slot = 0; slot <= count; slot += 1) fork(slot);
