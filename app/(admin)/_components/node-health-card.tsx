"use client";

import { useClusterHealth } from "@/app/(admin)/_components/cluster-health-panel";
import type { ClusterHealth } from "@/lib/schemas/cluster-health";

const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");

// One device's node health on its page, live (same query as the Cluster page's panel).
export function NodeHealthCard({ deviceId, initial }: { deviceId: string; initial?: ClusterHealth }) {
  const { data } = useClusterHealth(initial);
  const node = data?.nodes.find((row) => row.deviceId === deviceId);
  if (!node) return <p className="text-sm text-slate-500" data-testid="node-health">Not a cluster node (only approved devices are).</p>;
  const facts: [string, string][] = [
    ["Stage", node.stage === "ready" ? "Ready" : node.stage],
    ["Talos", node.talosVersion ?? "—"],
    ["etcd member", node.inEtcd === null ? "—" : node.inEtcd ? "yes" : "no"],
    ["Kubernetes Ready", node.k8sReady === null ? "—" : `${node.k8sReady ? "yes" : "no"}${node.kubeletVersion ? ` (kubelet ${node.kubeletVersion})` : ""}`],
    ["Services", node.services.map((s) => `${s.id} ${s.state}${s.healthy === false ? " (unhealthy)" : ""}`).join(", ") || "—"],
    ["Last seen (Talos API)", time(node.lastSeenAt)],
  ];

  return (
    <dl className="grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm" data-testid="node-health">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="text-xs leading-5">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
