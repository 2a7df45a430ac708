import type { Check } from "./report";

// Markdown for bench/results/*.json of one run (bench/report-md.ts). Every figure comes from the
// JSON files; nothing here is typed by hand.
export type ResultFile = {
  benchmark: string;
  at: string;
  run?: { runId: string; commit: string; dirty: boolean; startedAt: string };
  loadAverage?: { start: number[] | null; end: number[] };
  machine: { node: string; cpus: number; memoryGb: number };
  checks: Check[];
  [key: string]: unknown;
};

type Load = { requests: number; rps: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };
type OpenLoop = Load & { rate: number; p90Ms: number; sendLagP99Ms: number };
type CeilingRoute = { route: string; target: number; byConnections: Record<string, Load & { ratioToCeiling: number; ratioToBare: number }>; halfCeilingRate: Load & { rate: number }; halfCeilingRateOpenLoop?: OpenLoop };
type Process = { pid: number; role?: string; command: string; peakRssMb: number };
type Ceiling = ResultFile & {
  setup: { connections: number[]; identityCheck: string; nextVersion: string; webProcessesSupported: boolean; halfCeilingRate: number };
  baselines: Record<string, { bare: Load; ceiling: Load }>;
  ceilingAtHalfRate?: { rate: number; autocannon: Load; openLoop: OpenLoop };
  ceilingProcesses?: Process[];
  variants: { label: string; processes: Process[]; routes: CeilingRoute[] }[];
};

// Older result files name processes by command only.
const memoryText = (processes: Process[]) => processes.map((process) => `${process.role ?? process.command} ${process.peakRssMb} MB`).join(", ");
const fixedTarget = (load: Load) => load.requests > 0 && load.p99Ms < 50 && errorsOf(load) === 0;

const mark = (pass: boolean) => (pass ? "met" : "**missed**");
const errorsOf = (load: Load) => load.errors + load.non2xx;
const loadText = (file: ResultFile) => (file.loadAverage ? `${file.loadAverage.start?.join(" ") ?? "?"} → ${file.loadAverage.end.join(" ")}` : "not recorded");

export const renderCeiling = (file: Ceiling): string[] => {
  const lines = [`### Boot path against the framework's ceiling (\`ceiling\`)`, "", `Load average ${loadText(file)} (1, 5, 15 min; start → end). Next ${file.setup.nextVersion}; identityCheck \`${file.setup.identityCheck}\`; KTIZO_WEB_PROCESSES ${file.setup.webProcessesSupported ? "supported" : "not supported by this build (server default)"}.`, ""];
  lines.push("| baseline (same run) | connections | req/s | p50 | p99 | errors |", "|---|---|---|---|---|---|");
  for (const [connections, { bare, ceiling }] of Object.entries(file.baselines)) {
    lines.push(`| bare \`node:http\` | ${connections} | ${bare.rps} | ${bare.p50Ms} ms | ${bare.p99Ms} ms | ${errorsOf(bare)} |`);
    lines.push(`| empty Next route handler (ceiling) | ${connections} | ${ceiling.rps} | ${ceiling.p50Ms} ms | ${ceiling.p99Ms} ms | ${errorsOf(ceiling)} |`);
  }
  const half = file.ceilingAtHalfRate;
  if (half) {
    lines.push(`| empty Next route handler, fixed ${half.rate} req/s, autocannon \`overallRate\` (bursts) | 64 | ${half.autocannon.rps} served | ${half.autocannon.p50Ms} ms | ${half.autocannon.p99Ms} ms | ${errorsOf(half.autocannon)} |`);
    lines.push(`| empty Next route handler, fixed ${half.rate} req/s, open loop | 64 | ${half.openLoop.rps} served | ${half.openLoop.p50Ms} ms | ${half.openLoop.p99Ms} ms | ${errorsOf(half.openLoop)} |`);
  }
  if (file.ceilingProcesses) lines.push("", `Peak RSS of the empty route handler's server (the memory baseline): ${memoryText(file.ceilingProcesses)}.`);
  for (const variant of file.variants) {
    lines.push("", `**ktizo, ${variant.label}** (peak RSS ${memoryText(variant.processes)})`, "");
    lines.push("| route | connections | req/s | × ceiling | × bare | p99 | errors | target | result |", "|---|---|---|---|---|---|---|---|---|");
    for (const route of variant.routes) {
      for (const [connections, load] of Object.entries(route.byConnections)) {
        const pass = load.requests > 0 && load.ratioToCeiling >= route.target && errorsOf(load) === 0;
        lines.push(`| ${route.route} | ${connections} | ${load.rps} | ${load.ratioToCeiling}× | ${load.ratioToBare}× | ${load.p99Ms} ms | ${errorsOf(load)} | ≥ ${route.target}× ceiling, 0 errors | ${mark(pass)} |`);
      }
      const fixed = route.halfCeilingRate;
      lines.push(`| ${route.route}, fixed ${fixed.rate} req/s (half the ceiling), autocannon \`overallRate\` | 64 | ${fixed.rps} served | — | — | ${fixed.p99Ms} ms (p50 ${fixed.p50Ms} ms; empty handler ${half?.autocannon.p99Ms ?? "?"} ms) | ${errorsOf(fixed)} | p99 < 50 ms, 0 errors | ${mark(fixedTarget(fixed))} |`);
      const open = route.halfCeilingRateOpenLoop;
      if (open) lines.push(`| ${route.route}, fixed ${open.rate} req/s (half the ceiling), open loop | 64 | ${open.rps} served | — | — | ${open.p99Ms} ms (p50 ${open.p50Ms} ms; empty handler ${half?.openLoop.p99Ms ?? "?"} ms) | ${errorsOf(open)} | p99 < 50 ms, 0 errors | ${mark(fixedTarget(open))} |`);
    }
  }

  return lines;
};

type Rack = ResultFile & {
  setup: { machines: number; webProcesses: string | null; settings: { identityCheck: string; ipxePollSeconds: number } };
  times: { powerOnToAllRegisteredS: number | null; powerOnToAllProvisionedS: number | null; lastApprovalToLastDownloadS: number | null; approvalToBatchDownloadedS: { p50: number; max: number } };
  routes: Record<string, { requests: number; p50Ms: number; p99Ms: number; non200: number }>;
  errors: { count: number };
  rows: { added: Record<string, number>; addedPerMachine: number };
  memory: { role: string; command: string; peakRssMb: number }[];
  // Absent in results written before it was measured.
  cpu?: { wallS: number; processes: { role: string; cpuS: number }[] };
};

export const renderRack = (file: Rack): string[] => {
  const lines = [`### Whole rack, simulated (\`rack\`)`, "", `${file.setup.machines} machines on 127.0.0.1, identityCheck \`${file.setup.settings.identityCheck}\`, poll every ${file.setup.settings.ipxePollSeconds} s, KTIZO_WEB_PROCESSES ${file.setup.webProcesses ?? "unset"}. Load average ${loadText(file)}.`, ""];
  const t = file.times;
  lines.push("| figure | value |", "|---|---|");
  lines.push(`| power-on to all registered | ${t.powerOnToAllRegisteredS ?? "not all"} s |`, `| power-on to all provisioned | ${t.powerOnToAllProvisionedS ?? "not all"} s |`);
  lines.push(`| a batch's approval to its last config download | p50 ${t.approvalToBatchDownloadedS.p50} s, max ${t.approvalToBatchDownloadedS.max} s |`, `| last approval to last config download | ${t.lastApprovalToLastDownloadS ?? "not all"} s |`);
  lines.push(`| errors | ${file.errors.count} |`, `| rows added per machine | ${file.rows.addedPerMachine} (${Object.entries(file.rows.added).map(([table, count]) => `${table} ${count}`).join(", ")}) |`);
  lines.push(`| peak RSS | ${file.memory.map((process) => `${process.role} ${process.peakRssMb} MB`).join(", ")} |`);
  if (file.cpu) lines.push(`| CPU seconds during the storm (${file.cpu.wallS} s on ${file.machine.cpus} cores) | ${file.cpu.processes.map((process) => `${process.role} ${process.cpuS}`).join(", ")} |`);
  lines.push("");
  lines.push("| route | requests | p50 | p99 | non-200 |", "|---|---|---|---|---|");
  for (const [route, summary] of Object.entries(file.routes)) lines.push(`| ${route} | ${summary.requests} | ${summary.p50Ms} ms | ${summary.p99Ms} ms | ${summary.non200} |`);

  return lines;
};

export const renderChecks = (file: ResultFile): string[] => [
  "",
  `Targets (\`${file.benchmark}\`, load average ${loadText(file)}):`,
  "",
  "| check | value | target | result |",
  "|---|---|---|---|",
  ...file.checks.map((check) => `| ${check.name} | ${String(check.value).replaceAll("|", "/")} | ${check.target} | ${mark(check.pass)} |`),
];

// The README's short table: one row per target, with the same-run baselines in the ceiling rows.
export const renderSummaryRows = (file: ResultFile): string[] => {
  if (file.benchmark !== "ceiling") return file.checks.map((check) => `| ${file.benchmark}: ${check.name} | ${String(check.value).replaceAll("|", "/")} | ${check.target} | ${mark(check.pass)} |`);
  const ceiling = file as Ceiling;

  return ceiling.variants.flatMap((variant) =>
    variant.routes.map((route) => {
      const runs = Object.entries(route.byConnections);
      const figures = runs.map(([connections, load]) => `${connections} conn: ${load.rps} req/s = ${load.ratioToCeiling}× ceiling (${ceiling.baselines[connections]?.ceiling.rps}), ${load.ratioToBare}× bare (${ceiling.baselines[connections]?.bare.rps})`);
      const fixed = route.halfCeilingRate;
      const open = route.halfCeilingRateOpenLoop;
      const latency = open ? `p99 at ${fixed.rate} req/s ${open.p99Ms} ms open loop (empty handler ${ceiling.ceilingAtHalfRate?.openLoop.p99Ms ?? "?"} ms), ${fixed.p99Ms} ms autocannon overallRate (empty handler ${ceiling.ceilingAtHalfRate?.autocannon.p99Ms ?? "?"} ms)` : `p99 ${fixed.p99Ms} ms at ${fixed.rate} req/s`;
      const pass = runs.every(([, load]) => load.requests > 0 && load.ratioToCeiling >= route.target && errorsOf(load) === 0) && fixedTarget(open ?? fixed);

      return `| ${route.route} (${variant.label}) | ${figures.join("; ")}; ${latency} | ≥ ${route.target}× ceiling, p99 < 50 ms at half the ceiling${open ? " (open loop)" : ""}, 0 errors | ${mark(pass)} |`;
    }),
  );
};

export const renderAny = (file: ResultFile): string[] => {
  if (file.benchmark === "ceiling") return renderCeiling(file as Ceiling);
  if (file.benchmark === "rack") return [...renderRack(file as Rack), ...renderChecks(file)];

  return [`### \`${file.benchmark}\``, ...renderChecks(file)];
};
