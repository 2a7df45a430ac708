// The ceiling app started the way ktizo starts (scripts/web-server.ts): a plain node:http server
// calling Next's request handler, production mode. Listens on HOST:PORT.
import { createServer } from "node:http";
import next from "next";

const dir = import.meta.dirname;
const port = Number(process.env.PORT);
const hostname = process.env.HOST ?? "127.0.0.1";
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`[ceiling] listening on http://${hostname}:${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
