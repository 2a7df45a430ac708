// The web process: Next.js behind a plain node:http server. Next only fills X-Forwarded-For when a
// client did not send one, which would let any client pick the address that rate limits and audit
// events record. Here the client address is decided once per request (lib/domain/client-address.ts):
// the socket address, or, when the socket peer is in KTIZO_TRUSTED_PROXIES, the right-most
// X-Forwarded-For entry that is not a trusted proxy. Next and ktizo then see exactly that one
// address in X-Forwarded-For; X-Forwarded-Proto survives only from a trusted proxy.
import { createServer } from "node:http";
import { networkInterfaces } from "node:os";
import next from "next";
import { clientAddressOf, isTrustedProxy } from "@/lib/domain/client-address";
import { env, environmentProblems, trustedProxiesOf } from "@/lib/env";
import { bootstrapFromEnv, needsFirstAdmin } from "@/lib/services/auth";

const problems = environmentProblems();
if (problems.length > 0) {
  for (const problem of problems) console.error(`[web] invalid setting ${problem}`);
  process.exit(2);
}
const { PORT: port, HOST: hostname } = env();
const trusted = trustedProxiesOf(env());

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();
await bootstrapFromEnv();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress;
  req.headers["x-forwarded-for"] = clientAddressOf({ peer, forwardedFor: req.headers["x-forwarded-for"], trusted });
  if (!peer || !isTrustedProxy(peer, trusted)) delete req.headers["x-forwarded-proto"];
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
// The address an admin can type: the bound one, or (bound to every interface) the first external IPv4.
const reachableHost = (): string => {
  if (hostname !== "0.0.0.0" && hostname !== "::") return hostname;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal);

  return external?.address ?? "localhost";
};

server.listen(port, hostname, () => {
  console.log(`[web] ktizo listening on http://${hostname}:${port}`);
  void needsFirstAdmin().then((firstRun) => {
    const base = `http://${reachableHost()}:${port}`;
    console.log(firstRun ? `[web] open ${base}/setup to create the admin` : `[web] open ${base}/ to sign in`);
  });
});

const shutdown = (signal: string) => {
  console.log(`[web] ${signal}: closing`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
