"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import type { SystemStatus } from "@/lib/schemas/worker-status";

export const systemStatusQueryKey = ["system-status"] as const;

type Tone = "ok" | "busy" | "bad" | "idle";

const tones: Record<Tone, string> = {
  ok: "bg-emerald-100 text-emerald-800",
  busy: "bg-sky-100 text-sky-800",
  bad: "bg-red-100 text-red-800",
  idle: "bg-slate-100 text-slate-700",
};

const dnsmasqTone: Record<SystemStatus["dnsmasq"]["state"], Tone> = {
  running: "ok",
  starting: "busy",
  "waiting-for-config": "idle",
  stopped: "idle",
  unknown: "bad",
  unavailable: "bad",
  failed: "bad",
};

const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");

function Badge({ tone, testId, children }: { tone: Tone; testId: string; children: string }) {
  return (
    <span data-testid={testId} className={`rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}

// Worker and dnsmasq health for the Overview and Network pages; polls GET /api/v1/status so a
// crash, a rejected config or a dead worker shows up within seconds, without a reload.
// `appliedHash` (the Network page's last applied config hash, same sha256 as the worker's) adds
// whether dnsmasq actually runs what was applied.
export function WorkerStatusCard({ initial, appliedHash }: { initial?: SystemStatus; appliedHash?: string | null }) {
  const { data, error } = useQuery({
    queryKey: systemStatusQueryKey,
    queryFn: () => fetchJson<SystemStatus>("/api/v1/status"),
    initialData: initial,
    refetchInterval: 3_000,
  });

  if (!data) {
    return (
      <section data-testid="worker-status-card" className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-500">
        {error ? `Status unavailable: ${error.message}` : "Loading status…"}
      </section>
    );
  }
  const { worker, dnsmasq } = data;
  const showError = dnsmasq.lastError && (!dnsmasq.running || dnsmasq.servingLastGood || (dnsmasq.lastReloadAt ?? "") < dnsmasq.lastError.at);

  return (
    <section data-testid="worker-status-card" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">Worker</span>
        <Badge tone={worker.running ? "ok" : "bad"} testId="worker-state">
          {worker.running ? "running" : "not running"}
        </Badge>
        <span className="font-semibold">dnsmasq</span>
        <Badge tone={dnsmasqTone[dnsmasq.state]} testId="dnsmasq-state">
          {dnsmasq.state}
        </Badge>
        {dnsmasq.servingLastGood ? <Badge tone="busy" testId="dnsmasq-last-good">serving last good config</Badge> : null}
      </div>
      {!worker.running ? <p className="text-red-800">{worker.message}</p> : null}
      {dnsmasq.reason && dnsmasq.state !== "unknown" ? <p data-testid="dnsmasq-reason">{dnsmasq.reason}</p> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-slate-600">
        <dt>dnsmasq pid</dt>
        <dd>{dnsmasq.pid ?? "—"}</dd>
        <dt>Config</dt>
        <dd className="font-mono">
          {dnsmasq.configHash ? dnsmasq.configHash.slice(0, 12) : "—"}
          {appliedHash && dnsmasq.configHash ? (
            <span data-testid="dnsmasq-config-match" className="ml-2 font-sans">
              {appliedHash === dnsmasq.configHash ? "(the applied config)" : "(not the applied config)"}
            </span>
          ) : null}
        </dd>
        <dt>Last reload</dt>
        <dd>{time(dnsmasq.lastReloadAt)}</dd>
        <dt>Restarts</dt>
        <dd>{dnsmasq.restarts}</dd>
        <dt>Heartbeat</dt>
        <dd>{worker.heartbeatAgeSeconds === null ? "—" : `${worker.heartbeatAgeSeconds} s ago`}</dd>
      </dl>
      {showError && dnsmasq.lastError ? (
        <p data-testid="dnsmasq-last-error" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800">
          {time(dnsmasq.lastError.at)}: {dnsmasq.lastError.message}
        </p>
      ) : null}
    </section>
  );
}
