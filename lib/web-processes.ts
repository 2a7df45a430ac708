import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";

// ktizo's web app runs as N processes sharing one port (scripts/web-server.ts, docs/architecture.md).
// The cluster's primary hands each child the resolved N in KTIZO_WEB_PROCESSES.
export const webProcessCount = (): number => env().KTIZO_WEB_PROCESSES ?? availableParallelism();

// This process's share of a budget meant for all web processes together: 1/N in a child of the
// cluster, 1 in a lone process (tests, `next dev`). The cluster hands out connections round-robin
// (https://nodejs.org/api/cluster.html#how-it-works), so a source's requests spread evenly.
export const webProcessShare = (): number => (cluster.isWorker ? 1 / webProcessCount() : 1);
