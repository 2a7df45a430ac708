"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import type { ClusterHealth, NodeHealthRow } from "@/lib/schemas/cluster-health";

export const clusterHealthQueryKey = ["cluster-health"] as const;

const stageLabel: Record<NodeHealthRow["stage"], string> = { installing: "installing", booting: "booting", running: "running", ready: "Ready" };
const stageTone: Record<NodeHealthRow["stage"], string> = {
  installing: "bg-slate-100 text-slate-700",
  booting: "bg-amber-100 text-amber-800",
  running: "bg-sky-100 text-sky-800",
  ready: "bg-emerald-100 text-emerald-800",
};
const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");
const yesNo = (value: boolean | null) => (value === null ? "—" : value ? "yes" : "no");

export const useClusterHealth = (initial?: ClusterHealth) =>
  useQuery({ queryKey: clusterHealthQueryKey, queryFn: () => fetchJson<ClusterHealth>("/api/v1/cluster/health"), initialData: initial, refetchInterval: 3_000 });

// The cluster's state in one line (what it waits for), live: polls GET /api/v1/cluster/health.
export function ClusterHealthSummary({ initial }: { initial?: ClusterHealth }) {
  const { data, error } = useClusterHealth(initial);
  if (!data) return <p className="text-sm text-slate-500">{error ? `Health unavailable: ${error.message}` : "Loading…"}</p>;

  return (
    <p data-testid="cluster-health-summary" className={`text-sm font-medium ${data.healthy ? "text-emerald-800" : "text-slate-800"}`}>
      {data.summary}
    </p>
  );
}

// The Cluster page's Health panel: the summary, bootstrap state and a row per node.
export function ClusterHealthPanel({ initial }: { initial?: ClusterHealth }) {
  const { data } = useClusterHealth(initial);

  return (
    <div className="space-y-3" data-testid="cluster-health-panel">
      <ClusterHealthSummary initial={initial} />
      {data ? (
        <>
          <p className="text-xs text-slate-600" data-testid="cluster-bootstrap-state">
            Bootstrap: {data.bootstrap.state}
            {data.bootstrap.auto ? " (automatic)" : " (automatic bootstrap off)"}
            {data.bootstrap.lastError && data.bootstrap.state !== "done" ? ` — last answer: ${data.bootstrap.lastError}` : ""}
            {" · "}Kubernetes API: {data.kubernetes.apiReady ? `ready (${data.kubernetes.version ?? "?"})` : "not ready"}
            {" · "}updated {time(data.updatedAt)}
          </p>
          {data.nodes.length > 0 ? (
            <table className="w-full text-left text-sm" data-testid="cluster-health-nodes">
              <thead className="text-xs text-slate-500">
                <tr><th>Node</th><th>Role</th><th>Stage</th><th>Talos</th><th>etcd</th><th>Kubernetes Ready</th><th>Last seen</th></tr>
              </thead>
              <tbody>
                {data.nodes.map((node) => (
                  <tr key={node.deviceId} data-testid="cluster-health-row" className="border-t border-slate-100">
                    <td><a className="text-sky-700 underline" href={`/devices/${node.deviceId}`}>{node.hostname ?? node.ipAddress ?? node.deviceId}</a></td>
                    <td>{node.role ?? "—"}</td>
                    <td><span data-testid="node-stage" className={`rounded px-2 py-0.5 text-xs font-medium ${stageTone[node.stage]}`}>{stageLabel[node.stage]}</span></td>
                    <td>{node.talosVersion ?? "—"}</td>
                    <td>{yesNo(node.inEtcd)}</td>
                    <td>{yesNo(node.k8sReady)}{node.kubeletVersion ? ` (${node.kubeletVersion})` : ""}</td>
                    <td>{time(node.lastSeenAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
