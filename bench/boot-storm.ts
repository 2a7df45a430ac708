import { writeFileSync } from "node:fs";
import path from "node:path";
import { macToHyphen } from "@/lib/domain/mac";
import type { Started } from "./lib/processes";
import { startBare } from "./lib/app-server";
import { runLoad, type LoadResult } from "./lib/load";
import { ratio, writeResult } from "./lib/report";
import { resetForDownloads, seedDevices } from "./lib/seed";

// Boot storm: 1,000 approved devices; 256 connections against the per-device iPXE
// script and the config download, each against a bare node:http server answering the same bytes.
const connections = 256;
const devices = 1000;

// Tokens are one-use and a download provisions the device, so each device can download once per
// round: a round is exactly the storm of 1,000 first downloads with valid tokens; the devices are
// reset and given fresh tokens between rounds.
const downloadRounds = 3;

export const bootStorm = async ({ app, root, durationS }: { app: Started; root: string; durationS: number }) => {
  const prefix = "52:54:01";
  const macs = await seedDevices({ count: devices, status: "approved", prefix });
  let next = 0;
  const scriptPath = () => `/api/v1/boot/ipxe?mac=${macToHyphen(macs[next++ % macs.length]!)}&arch=x86_64`;

  const sampleScript = await (await fetch(`${app.url}${scriptPath()}`)).text();
  const tokens = await resetForDownloads(prefix);
  const first = macs[0]!;
  const sampleYaml = await (await fetch(`${app.url}/api/v1/config/download?mac=${first}&token=${tokens.get(first)}`)).text();
  if (!sampleScript.includes("kernel") || !sampleYaml.includes("machine:")) throw new Error(`unexpected samples:\n${sampleScript}\n${sampleYaml.slice(0, 200)}`);
  const scriptFile = path.join(root, "sample.ipxe");
  const yamlFile = path.join(root, "sample.yaml");
  writeFileSync(scriptFile, sampleScript);
  writeFileSync(yamlFile, sampleYaml);

  const bareScript = await startBare("bare-bytes.mjs", [scriptFile, "text/plain; charset=utf-8"]);
  const ipxeBare = await runLoad({ url: bareScript.url, connections, durationS, path: scriptPath });
  await bareScript.stop();
  const ipxeApp = await runLoad({ url: app.url, connections, durationS, path: scriptPath });
  // Context, not a target: the fixed /boot.ipxe script (two reads, no writes) through the same
  // Next server shows what the framework alone costs against the bare server.
  const entryApp = await runLoad({ url: app.url, connections, durationS, path: () => "/boot.ipxe" });
  // Context too: the poll of a pending device (the "waiting" script), what a rack sends every few
  // seconds until approval.
  const pendingMacs = await seedDevices({ count: devices, status: "pending", prefix: "52:54:02" });
  let nextPending = 0;
  const pendingApp = await runLoad({ url: app.url, connections, durationS, path: () => `/api/v1/boot/ipxe?mac=${macToHyphen(pendingMacs[nextPending++ % devices]!)}&arch=x86_64` });

  const bareYaml = await startBare("bare-bytes.mjs", [yamlFile, "application/yaml; charset=utf-8"]);
  const downloadBare = await runLoad({ url: bareYaml.url, connections, amount: devices * downloadRounds });
  await bareYaml.stop();
  const rounds: LoadResult[] = [];
  for (let round = 0; round < downloadRounds; round += 1) {
    const roundTokens = await resetForDownloads(prefix);
    let index = 0;
    const downloadPath = () => {
      const mac = macs[index++ % macs.length]!;

      return `/api/v1/config/download?mac=${encodeURIComponent(mac)}&token=${roundTokens.get(mac)}`;
    };
    rounds.push(await runLoad({ url: app.url, connections, amount: devices, path: downloadPath }));
  }
  const downloadApp = combine(rounds);

  const ipxeRatio = ratio(ipxeApp.rps, ipxeBare.rps);
  const downloadRatio = ratio(downloadApp.rps, downloadBare.rps);
  writeResult("boot-storm", {
    setup: { devices, connections, durationS, downloadRounds, downloadMeasure: "one first download per device per round with a valid one-use token minted in the DB; devices reset between rounds" },
    ipxe: { app: ipxeApp, bare: ipxeBare, ratio: ipxeRatio, bodyBytes: sampleScript.length },
    entryScriptForContext: { app: entryApp, ratioToBare: ratio(entryApp.rps, ipxeBare.rps) },
    pendingPollForContext: { app: pendingApp, ratioToBare: ratio(pendingApp.rps, ipxeBare.rps) },
    download: { app: downloadApp, bare: downloadBare, ratio: downloadRatio, rounds, bodyBytes: sampleYaml.length },
    checks: [
      { name: "iPXE script throughput vs bare node:http", target: ">= 0.5x", value: `${ipxeApp.rps} vs ${ipxeBare.rps} req/s = ${ipxeRatio}x`, pass: ipxeRatio >= 0.5 },
      { name: "iPXE script p99", target: "< 50 ms", value: `${ipxeApp.p99Ms} ms (p50 ${ipxeApp.p50Ms} ms)`, pass: ipxeApp.p99Ms < 50 },
      { name: "iPXE script errors", target: "0", value: ipxeApp.errors + ipxeApp.non2xx, pass: ipxeApp.errors + ipxeApp.non2xx === 0 },
      { name: "config download throughput vs bare node:http", target: ">= 0.5x", value: `${downloadApp.rps} vs ${downloadBare.rps} req/s = ${downloadRatio}x`, pass: downloadRatio >= 0.5 },
      { name: "config download p99", target: "< 50 ms", value: `${downloadApp.p99Ms} ms (p50 ${downloadApp.p50Ms} ms)`, pass: downloadApp.p99Ms < 50 },
      { name: "config download errors", target: "0", value: downloadApp.errors + downloadApp.non2xx, pass: downloadApp.errors + downloadApp.non2xx === 0 },
    ],
  });
};

// Rounds add up: requests and time are summed; latency percentiles are the worst round's.
const combine = (rounds: LoadResult[]): LoadResult => {
  const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
  const durationS = rounds.reduce((sum, round) => sum + round.durationS, 0);

  return {
    requests,
    durationS: Math.round(durationS * 100) / 100,
    rps: Math.round(requests / durationS),
    p50Ms: Math.max(...rounds.map((round) => round.p50Ms)),
    p99Ms: Math.max(...rounds.map((round) => round.p99Ms)),
    maxMs: Math.max(...rounds.map((round) => round.maxMs)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    throughputMBps: Math.round((rounds.reduce((sum, round) => sum + round.throughputMBps * round.durationS, 0) / durationS) * 10) / 10,
  };
};
