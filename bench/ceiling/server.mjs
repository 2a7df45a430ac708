// The ceiling app started the way ktizo starts (scripts/web-server.ts): a plain node:http server
// calling Next's request handler, production mode. Listens on HOST:PORT. Like ktizo's machine web
// processes (scripts/web-process.ts) it runs at nice 10, every thread: the load generator shares
// the cores at nice 0, and a ceiling measured at another priority than ktizo's routes would not be
// the same framework under the same conditions.
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { setPriority } from "node:os";
import next from "next";

for (const thread of existsSync("/proc/self/task") ? readdirSync("/proc/self/task").map(Number) : [0]) setPriority(thread, 10);

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
