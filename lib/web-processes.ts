import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";

// ktizo's web app runs as N machine web processes and one admin process behind one port
// (scripts/web-server.ts, docs/architecture.md). The cluster's primary hands each child the
// resolved N in KTIZO_WEB_PROCESSES.
export const webProcessCount = (): number => env().KTIZO_WEB_PROCESSES ?? availableParallelism();

// This process's share of a budget meant for all web processes together: 1/(N + 1) in a child of
// the cluster, 1 in a lone process (tests, `next dev`). Any of the N + 1 may be handed a connection
// that carries any request (a connection goes where its FIRST request points), so each holds an
// equal share and together they never exceed the budget.
export const webProcessShare = (): number => (cluster.isWorker ? 1 / (webProcessCount() + 1) : 1);
