import { percentile } from "../lib/percentiles";
import { writeResult } from "../lib/report";
import { rackSettings } from "./setup";
import { batchTimes, type runRack } from "./run-rack";

// The rack's figures and targets: every machine provisioned exactly once, 0 errors, the last
// config downloaded within 60 s of the last approval, dashboard p99 < 300 ms.
type Result = Awaited<ReturnType<typeof runRack>> & {
  machines: number;
  memory: { role: string; pid: number; command: string; rssMb: number; peakRssMb: number }[];
  cpu: { wallS: number; processes: { role: string; cpuS: number }[] };
  talosVersion: string;
  webProcesses: string | null;
  webProcessesSupported: boolean;
};

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export const reportRack = ({ start, records, batches, stats, provisionedInDb, rows, events, machines, memory, cpu, talosVersion, webProcesses, webProcessesSupported }: Result) => {
  const latest = (values: (number | undefined)[]) => (values.every((value) => value !== undefined) ? Math.max(...(values as number[])) : null);
  const allRegistered = latest(records.map((record) => record.registeredAt));
  const allProvisioned = latest(records.map((record) => record.provisionedAt));
  const lastDownload = latest(records.map((record) => record.downloadedAt));
  const lastApproval = batches.length > 0 ? Math.max(...batches.map((batch) => batch.approvedAt)) : null;
  const perBatch = batchTimes(batches, records);
  const routes = stats.summary();
  const machineErrors = records.flatMap((record) => record.errors.map((error) => `${record.mac}: ${error}`));
  const errors = [...stats.errors, ...machineErrors];
  const nonOk = Object.values(routes).reduce((sum, route) => sum + route.non200, 0);
  const once = records.filter((record) => record.downloads === 1 && record.provisionedAt).length;
  const rowsAdded = Object.values(rows).reduce((sum, count) => sum + count, 0);
  // Page and data together: the page alone no longer carries the per-machine parts.
  const dashboard = routes["dashboard (Overview, page + its data)"] ?? routes["dashboard (Overview page)"];
  const approvalToDownloads = perBatch.map((batch) => batch.approvalToAllDownloadedS ?? Number.POSITIVE_INFINITY);
  const lastGap = lastDownload && lastApproval ? seconds(lastDownload - lastApproval) : null;
  if (errors.length > 0) console.log(`[rack] first errors:\n  ${errors.slice(0, 10).join("\n  ")}`);

  writeResult("rack", {
    setup: { machines, powerOnS: 10, batchSize: 100, settings: rackSettings, talosVersion, assetBytes: "64 KiB kernel and initramfs", webProcesses, webProcessesSupported, source: "127.0.0.1 (every machine)" },
    times: {
      powerOnToAllRegisteredS: allRegistered ? seconds(allRegistered - start) : null,
      powerOnToAllProvisionedS: allProvisioned ? seconds(allProvisioned - start) : null,
      lastApprovalToLastDownloadS: lastGap,
      approvalToBatchDownloadedS: { p50: percentile(approvalToDownloads, 50), max: Math.max(...approvalToDownloads) },
    },
    batches: perBatch,
    routes,
    errors: { count: errors.length + nonOk, nonOk, first: errors.slice(0, 20) },
    rows: { added: rows, addedPerMachine: Math.round((rowsAdded / machines) * 100) / 100, note: "net rows added per table (updates in place are not counted)" },
    events,
    memory,
    cpu,
    checks: [
      { name: "every machine provisioned exactly once", target: `${machines} machines, 1 download each`, value: `${once} (downloads ${records.reduce((sum, record) => sum + record.downloads, 0)}, provisioned in the DB ${provisionedInDb}, config.downloaded events ${events["config.downloaded"] ?? 0})`, pass: once === machines && provisionedInDb === machines && events["config.downloaded"] === machines },
      { name: "errors", target: "0", value: errors.length + nonOk, pass: errors.length + nonOk === 0 },
      { name: "last config downloaded after the last approval", target: "<= 60 s", value: lastGap === null ? "not all downloaded" : `${lastGap} s`, pass: lastGap !== null && allProvisioned !== null && lastGap <= 60 },
      { name: "dashboard (Overview page + its data) p99 during the storm", target: "< 300 ms", value: dashboard ? `${dashboard.p99Ms} ms (p50 ${dashboard.p50Ms} ms, ${dashboard.requests} requests)` : "not measured", pass: Boolean(dashboard && dashboard.p99Ms < 300 && dashboard.non200 === 0) },
    ],
  });
  const info = (label: string, value: unknown) => console.log(`  info  ${label}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  info("power-on to all registered / all provisioned (s)", `${allRegistered ? seconds(allRegistered - start) : "-"} / ${allProvisioned ? seconds(allProvisioned - start) : "-"}`);
  info("approval to batch downloaded (s, per batch)", perBatch.map((batch) => batch.approvalToAllDownloadedS).join(" "));
  info("rows added per machine", `${Math.round((rowsAdded / machines) * 100) / 100} ${JSON.stringify(rows)}`);
  for (const [route, summary] of Object.entries(routes)) info(route, `${summary.requests} requests, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, non-200 ${summary.non200}`);
  info(`CPU seconds during the storm (${cpu.wallS} s, ${cpu.processes.reduce((sum, entry) => sum + entry.cpuS, 0).toFixed(1)} s in all)`, cpu.processes.map((entry) => `${entry.role} ${entry.cpuS}`).join(", "));
  for (const process of memory) info(`peak RSS ${process.role} ${process.command} (pid ${process.pid})`, `${process.peakRssMb} MB`);
};
