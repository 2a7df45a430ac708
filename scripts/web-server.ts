// The web process: Next.js behind a plain node:http server. Next only fills X-Forwarded-For when a
// client did not send one, which would let any client pick the address that rate limits and audit
// events record. Unless KTIZO_TRUST_PROXY=1, the socket address replaces whatever the client sent.
import { createServer } from "node:http";
import { networkInterfaces } from "node:os";
import next from "next";
import { bootstrapFromEnv, needsFirstAdmin } from "@/lib/services/auth";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.KTIZO_TRUST_PROXY === "1";

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();
await bootstrapFromEnv();

const server = createServer((req, res) => {
  if (!trustProxy || !req.headers["x-forwarded-for"]) {
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  }
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
