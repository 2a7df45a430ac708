// Baseline: a bare node:http server answering every request with the same precomputed bytes.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [file, contentType = "text/plain; charset=utf-8"] = process.argv.slice(2);
const body = readFileSync(file);
const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": contentType, "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
