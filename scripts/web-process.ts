// One web process: Next.js behind a plain node:http server, forked by scripts/web-cluster.ts, which
// accepts the connections and hands each to a process (lib/http/handed-connections.ts). Next
// only fills X-Forwarded-For when a client did not send one, which would let any client pick the
// address that rate limits and audit events record. Here the client address is decided once per
// request (lib/domain/client-address.ts): the socket address, or, when the socket peer is in
// KTIZO_TRUSTED_PROXIES, the right-most X-Forwarded-For entry that is not a trusted proxy. Next and
// ktizo then see exactly that one address in X-Forwarded-For; X-Forwarded-Proto survives only from
// a trusted proxy.
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { setPriority } from "node:os";
import next from "next";
import { clientAddressOf, isTrustedProxy } from "@/lib/domain/client-address";
import { env, trustedProxiesOf } from "@/lib/env";
import { acceptHandedConnections } from "@/lib/http/handed-connections";
import { throughMachineLane } from "@/lib/http/machine-lane";
import { flushDeviceSightings } from "@/lib/services/boot";

// tsx (`node --import tsx`, how this script is started) turns on Node's source-map support for the
// whole process; Node then reads and keeps the source map of every module it loads, Next's
// compiled chunks included (.next/server: ~90 MB of .js.map), which made each web process several
// hundred MB larger than the same app under Next's own server (docs/benchmarks.md, "Memory").
// Next's production server runs without it; from here on, so does this one (stack traces of the
// compiled app then name chunk positions, as under `next start`).
process.setSourceMapsEnabled(false);

const { PORT: port, HOST: hostname, KTIZO_WEB_PID_HEADER: pidHeader, KTIZO_WEB_ROLE: role = "machine" } = env();
const trusted = trustedProxiesOf(env());

// A machine process yields the CPU to the admin process whenever both want it: during a rack's
// power-on the machine processes are saturated, and the admin's dashboard would otherwise wait its
// turn behind them (docs/benchmarks.md, "An admin process of its own"). Raising one's own nice
// value needs no privilege. On Linux a nice value belongs to a thread
// (https://man7.org/linux/man-pages/man2/setpriority.2.html, "BUGS"): every thread already running
// is set (V8's garbage-collector threads start before this code; left at 0 they outran the admin
// process), and threads started later (libuv's pool) inherit it from the thread that starts them.
const machineNice = 10;
const setOwnNice = (nice: number): void => {
  const threads = existsSync("/proc/self/task") ? readdirSync("/proc/self/task").map(Number) : [0];
  for (const thread of threads) setPriority(thread, nice);
};
if (role === "machine") setOwnNice(machineNice);

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress;
  req.headers["x-forwarded-for"] = clientAddressOf({ peer, forwardedFor: req.headers["x-forwarded-for"], trusted });
  if (!peer || !isTrustedProxy(peer, trusted)) delete req.headers["x-forwarded-proto"];
  // Tests only (lib/env.ts): which of the web processes answered.
  if (pidHeader === "1") res.setHeader("x-ktizo-web-pid", String(process.pid)).setHeader("x-ktizo-web-role", role);
  // Machine requests wait their turn for Next here; admin requests pass (machine-lane.ts).
  throughMachineLane(req, res, () => void handle(req, res));
});
server.keepAliveTimeout = 65_000;
// The primary owns the port and hands connections over; this process never listens itself.
const stopAccepting = acceptHandedConnections(server);
process.send?.({ type: "ktizo:ready" });

let closing = false;
const shutdown = (signal: string) => {
  // The primary forwards the signal, and a terminal's Ctrl-C reaches the whole group too: act once.
  if (closing) return;
  closing = true;
  console.log(`[web] ${process.pid} ${signal}: closing`);
  stopAccepting();
  // Batched last-seen writes (device-sightings.ts; state on globalThis, shared with the routes).
  server.close(() => void flushDeviceSightings().finally(() => process.exit(0)));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
