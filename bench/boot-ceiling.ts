import { writeFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db/client";
import { startApp, startBare } from "./lib/app-server";
import { buildCeiling, startCeiling } from "./lib/ceiling-app";
import { bootRoutes, checkSamples, downloadsPerRound } from "./lib/ceiling-routes";
import { runFixedRate, type FixedRateResult } from "./lib/fixed-rate";
import { runLoad, settle, type LoadResult } from "./lib/load";
import { rateChecks } from "./lib/rate-checks";
import { namedProcesses, type NamedProcess } from "./lib/process-roles";
import type { Started } from "./lib/processes";
import { ratio, writeResult, type Check } from "./lib/report";
import { resetForDownloads, seedDevices } from "./lib/seed";
import { webProcessEnv, webProcessVariants, webProcessesSupported } from "./lib/web-processes";

// The ceiling benchmark: in one run, bare node:http and an empty Next.js route handler
// (the framework's ceiling, bench/ceiling/) at 64 and 256 connections, then ktizo's boot path at
// the same connection counts and at a fixed rate of half the ceiling, each figure as a ratio to
// both baselines. The machines are on loopback, so the network's identityCheck is ip-only: the
// mode in which an unverifiable (non-neighbour) source gets a token bound to its address
// (docs/security.md); strict would answer every script with "not ready".
const connectionCounts = [64, 256] as const;
const devices = 1000;
const sourceIp = "127.0.0.1";
const pendingPrefix = "52:54:05";
const approvedPrefix = "52:54:04";

type Baselines = Record<string, { bare: LoadResult; ceiling: LoadResult }>;
// Latency at a fixed rate, measured two ways: autocannon's overallRate (bursts once a second; see
// bench/lib/fixed-rate.ts) and the open-loop generator (evenly spaced, latency from when due).
export type AtRate = { autocannon: LoadResult; openLoop: FixedRateResult };
type CeilingBaselines = { baselines: Baselines; halfRate: number; ceilingAtHalfRate: AtRate; ceilingProcesses: NamedProcess[] };

// Autocannon first, then the open loop, each after the server settled.
const atRate = async ({ settleUrl, autocannon, openLoop }: { settleUrl: string; autocannon: () => Promise<LoadResult>; openLoop: () => Promise<FixedRateResult> }): Promise<AtRate> => {
  await settle(settleUrl);
  const burst = await autocannon();
  await settle(settleUrl);

  return { autocannon: burst, openLoop: await openLoop() };
};

const measureBaselines = async ({ root, durationS }: { root: string; durationS: number }): Promise<CeilingBaselines> => {
  const body = path.join(root, "ceiling-body.txt");
  // The same bytes the empty route handler answers.
  writeFileSync(body, "ok\n");
  const baselines: Baselines = {};
  const bare = await startBare("bare-bytes.mjs", [body]);
  const bareRuns = new Map<number, LoadResult>();
  for (const connections of connectionCounts) {
    bareRuns.set(connections, await runLoad({ url: bare.url, connections, durationS }));
    console.log(`[ceiling] bare node:http @${connections}: ${bareRuns.get(connections)!.rps} req/s`);
  }
  await bare.stop();
  const ceiling = await startCeiling();
  // Warm-up (JIT, Next's lazy route loading) outside the measured window.
  await runLoad({ url: `${ceiling.url}/empty`, connections: 16, durationS: 2 });
  for (const connections of connectionCounts) {
    await settle(`${ceiling.url}/empty`);
    baselines[connections] = { bare: bareRuns.get(connections)!, ceiling: await runLoad({ url: `${ceiling.url}/empty`, connections, durationS }) };
    console.log(`[ceiling] empty Next route handler @${connections}: ${baselines[connections]!.ceiling.rps} req/s`);
  }
  // The framework's own latency at the rate ktizo is held to (half its best throughput): if the
  // empty route handler cannot keep p99 under 50 ms here, no route handler can.
  const halfRate = Math.max(1, Math.round(Math.max(...connectionCounts.map((connections) => baselines[connections]!.ceiling.rps)) / 2));
  const empty = `${ceiling.url}/empty`;
  const connections = connectionCounts[0];
  const ceilingAtHalfRate = await atRate({
    settleUrl: empty,
    autocannon: () => runLoad({ url: empty, connections, durationS, overallRate: halfRate }),
    openLoop: () => runFixedRate({ url: ceiling.url, rate: halfRate, durationS, connections, path: () => "/empty" }),
  });
  console.log(`[ceiling] empty Next route handler at ${halfRate} req/s: p99 ${ceilingAtHalfRate.autocannon.p99Ms} ms (autocannon overallRate), ${ceilingAtHalfRate.openLoop.p99Ms} ms (open loop)`);
  const ceilingProcesses = namedProcesses({ kind: "empty app", root: ceiling.child.pid! });
  await ceiling.stop();

  return { baselines, halfRate, ceilingAtHalfRate, ceilingProcesses };
};

export const bootCeiling = async ({ root, env, durationS }: { root: string; env: Record<string, string>; durationS: number }) => {
  const build = buildCeiling();
  const pendingMacs = await seedDevices({ count: devices, status: "pending", prefix: pendingPrefix });
  const approvedMacs = await seedDevices({ count: devices, status: "approved", prefix: approvedPrefix });
  const previous = await prisma.networkSettings.findFirstOrThrow();
  await prisma.networkSettings.updateMany({ data: { identityCheck: "ip_only" } });
  const { baselines, halfRate, ceilingAtHalfRate, ceilingProcesses } = await measureBaselines({ root, durationS });
  const routes = bootRoutes({ pendingMacs, approvedMacs, approvedPrefix, sourceIp });
  const variants = [];
  const checks: Check[] = [];
  try {
    for (const variant of webProcessVariants()) {
      const app: Started = await startApp({ ...env, ...webProcessEnv(variant) });
      const label = variant ? `${variant} machine web process${variant === "1" ? "" : "es"} and the admin process` : "default web processes";
      try {
        // The previous variant's download rounds provisioned the approved devices: start each variant
        // from the same state (approved, not yet provisioned), or its Talos script would be `exit`.
        await resetForDownloads(approvedPrefix, { boundIp: sourceIp });
        await checkSamples({ url: app.url, routes, pendingMac: pendingMacs[0]!, approvedMac: approvedMacs[0]!, approvedPrefix, sourceIp });
        await runLoad({ url: app.url, connections: 16, durationS: 2, path: () => "/boot.ipxe" });
        const measured = [];
        for (const route of routes) {
          const byConnections: Record<string, unknown> = {};
          for (const connections of connectionCounts) {
            await settle(`${app.url}/api/health`);
            const result = await route.run({ url: app.url, connections, durationS });
            const { bare, ceiling } = baselines[connections]!;
            const toCeiling = ratio(result.rps, ceiling.rps);
            byConnections[connections] = { ...result, ratioToCeiling: toCeiling, ratioToBare: ratio(result.rps, bare.rps) };
            console.log(`[ceiling] ${label}: ${route.name} @${connections}: ${result.rps} req/s = ${toCeiling}x ceiling, p99 ${result.p99Ms} ms`);
            checks.push({
              name: `${label}: ${route.name} @${connections} connections`,
              target: `>= ${route.target}x ceiling, 0 errors`,
              value: `${result.rps} req/s = ${toCeiling}x ceiling (${ceiling.rps}), ${ratio(result.rps, bare.rps)}x bare (${bare.rps}); p99 ${result.p99Ms} ms; errors ${result.errors + result.non2xx}`,
              pass: result.requests > 0 && toCeiling >= route.target && result.errors + result.non2xx === 0,
            });
          }
          const connections = connectionCounts[0];
          const fixed = await atRate({
            settleUrl: `${app.url}/api/health`,
            autocannon: () => route.run({ url: app.url, connections, durationS, overallRate: halfRate }),
            openLoop: () => route.openLoop({ url: app.url, connections, durationS, rate: halfRate }),
          });
          console.log(`[ceiling] ${label}: ${route.name} at ${halfRate} req/s: p99 ${fixed.autocannon.p99Ms} ms (autocannon overallRate; empty handler ${ceilingAtHalfRate.autocannon.p99Ms} ms), ${fixed.openLoop.p99Ms} ms (open loop; empty handler ${ceilingAtHalfRate.openLoop.p99Ms} ms)`);
          checks.push(...rateChecks({ label, route: route.name, halfRate, fixed, ceiling: ceilingAtHalfRate }));
          measured.push({ route: route.name, target: route.target, byConnections, halfCeilingRate: { rate: halfRate, ...fixed.autocannon }, halfCeilingRateOpenLoop: fixed.openLoop });
        }
        const processes = namedProcesses({ kind: "web", root: app.child.pid! });
        variants.push({ webProcesses: variant, label, processes, routes: measured });
      } finally {
        await app.stop();
      }
    }
  } finally {
    await prisma.networkSettings.updateMany({ data: { identityCheck: previous.identityCheck } });
  }

  writeResult("ceiling", {
    setup: {
      devices: { pending: devices, approved: devices },
      connections: connectionCounts,
      durationS,
      downloadsPerRound,
      identityCheck: "ip-only",
      nextVersion: build.nextVersion,
      webProcessesSupported: webProcessesSupported(),
      halfCeilingRate: halfRate,
      baselinesNote: "bare node:http and the empty Next route handler run as one process each, answering the same 3-byte body",
    },
    baselines,
    // The empty route handler at half its ceiling, and its peak RSS: the latency and memory baselines.
    ceilingAtHalfRate: { rate: halfRate, autocannon: ceilingAtHalfRate.autocannon, openLoop: ceilingAtHalfRate.openLoop },
    ceilingProcesses,
    variants,
    checks,
  });
};
