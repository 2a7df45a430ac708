// A web process as scripts/web-process.ts sets it up, for tests/integration/handed-connections.test.ts:
// a node:http server that never listens and serves the connections its parent hands over
// (lib/http/handed-connections.ts). Short header timeouts, so the test sees Node enforce them.
import { createServer } from "node:http";
import { acceptHandedConnections } from "@/lib/http/handed-connections";

const server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
server.headersTimeout = 500;
server.requestTimeout = 1_000;
// How often Node checks those timeouts (http.createServer's connectionsCheckingInterval, 30 s by default).
(server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval = 100;
acceptHandedConnections(server);
process.send?.({ type: "ktizo:ready" });
process.on("SIGTERM", () => process.exit(0));
