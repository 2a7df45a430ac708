import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";

// ktizo's web app runs as N machine web processes and one admin process behind one port
// (scripts/web-server.ts, docs/architecture.md). The cluster's primary hands each child the
// resolved N in KTIZO_WEB_PROCESSES.
export const webProcessCount = (): number => env().KTIZO_WEB_PROCESSES ?? availableParallelism();

// This process's share of a budget meant for all web processes together: 1/N in a child of the
// cluster, the admin process included; 1 in a lone process (tests, `next dev`). Machines reach only
// the N machine processes (a connection goes where its FIRST request points), so they get the
// whole budget. A client that opens its connection with an admin request and then registers
// machines reaches the admin process's share too: together the processes admit at most
// (N + 1)/N of the setting (docs/flood-bounds.md). Splitting by N + 1 instead kept the bound exact
// but took a third of the budget from the machines themselves (N = 2), for whom it is meant.
export const webProcessShare = (): number => (cluster.isWorker ? 1 / webProcessCount() : 1);
