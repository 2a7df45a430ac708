// The web app: a node:cluster primary (scripts/web-cluster.ts) that forks KTIZO_WEB_PROCESSES web
// processes (scripts/web-process.ts), all accepting on the one PORT
// (https://nodejs.org/api/cluster.html). Web processes hold no state another one needs
// (docs/architecture.md): any of them may answer any request.
import cluster from "node:cluster";

if (cluster.isPrimary) await import("./web-cluster");
else await import("./web-process");
