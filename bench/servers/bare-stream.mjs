// Baseline: a bare node:http server streaming one file with fs.createReadStream per request.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";

const [file] = process.argv.slice(2);
const size = statSync(file).size;
const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
  if (req.method === "HEAD") return res.end();
  createReadStream(file).pipe(res);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
