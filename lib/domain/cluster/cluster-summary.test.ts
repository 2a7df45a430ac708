import { describe, expect, it } from "vitest";
import { clusterTransition, matchKubeNode, nodeStage, nodeTransition, summarizeCluster, type SummaryInput } from "./cluster-summary";

describe("nodeStage", () => {
  it.each([
    [false, false, null, "installing"],
    [false, true, true, "installing"],
    [true, false, null, "booting"],
    [true, true, null, "running"],
    [true, true, false, "running"],
    [true, false, true, "ready"],
    [true, true, true, "ready"],
  ] as const)("provisioned=%s talos=%s k8sReady=%s → %s", (provisioned, talosReachable, k8sReady, stage) => {
    expect(nodeStage({ provisioned, talosReachable, k8sReady })).toBe(stage);
  });
});

const cp = (provisioned: boolean, inEtcd: boolean | null) => ({ provisioned, inEtcd });
const base: SummaryInput = { controlPlanes: [], bootstrapState: "pending", bootstrapError: null, nodes: [], apiReady: false };

describe("summarizeCluster", () => {
  it.each<[string, Partial<SummaryInput>, string, string, boolean]>([
    ["no devices", {}, "waiting_control_plane", "waiting for the first control plane", false],
    ["control plane still installing", { controlPlanes: [cp(false, null)] }, "waiting_control_plane", "waiting for the first control plane", false],
    ["provisioned, not bootstrapped", { controlPlanes: [cp(true, false)] }, "bootstrapping", "bootstrapping etcd", false],
    ["bootstrap running", { controlPlanes: [cp(true, false)], bootstrapState: "running" }, "bootstrapping", "bootstrapping etcd", false],
    ["bootstrap failed", { controlPlanes: [cp(true, false)], bootstrapState: "failed", bootstrapError: "denied" }, "bootstrapping", "bootstrap failed: denied", false],
    ["2 of 3 in etcd", { controlPlanes: [cp(true, true), cp(true, true), cp(true, false)], bootstrapState: "done" }, "etcd_forming", "2 of 3 control planes in etcd", false],
    ["nodes joining", { controlPlanes: [cp(true, true)], bootstrapState: "done", nodes: [{ k8sReady: true }, { k8sReady: null }], apiReady: true }, "nodes_joining", "1 of 2 nodes Ready", false],
    ["API not ready", { controlPlanes: [cp(true, true)], bootstrapState: "done", nodes: [{ k8sReady: true }], apiReady: false }, "nodes_joining", "1 of 1 nodes Ready (Kubernetes API not ready)", false],
    ["all Ready", { controlPlanes: [cp(true, true)], bootstrapState: "done", nodes: Array(5).fill({ k8sReady: true }), apiReady: true }, "healthy", "5 of 5 nodes Ready", true],
  ])("%s", (_name, input, phase, summary, healthy) => {
    expect(summarizeCluster({ ...base, ...input })).toEqual({ phase, summary, healthy });
  });
});

describe("matchKubeNode", () => {
  const nodes = [
    { name: "cp-1", ready: true, kubeletVersion: "v1.34.1", addresses: ["10.0.0.11", "cp-1"] },
    { name: "talos-abc", ready: false, kubeletVersion: "v1.34.1", addresses: ["10.0.0.12"] },
  ];
  it.each([
    [{ ipAddress: "10.0.0.11", hostname: "other" }, "cp-1"],
    [{ ipAddress: "10.0.0.12", hostname: "cp-1" }, "talos-abc"],
    [{ ipAddress: "10.0.0.99", hostname: "cp-1" }, "cp-1"],
    [{ ipAddress: null, hostname: "talos-abc" }, "talos-abc"],
    [{ ipAddress: "10.0.0.99", hostname: null }, null],
  ])("%o → %s", (device, name) => {
    expect(matchKubeNode(device, nodes)?.name ?? null).toBe(name);
  });
});

describe("transitions", () => {
  it.each([
    [null, true, "node.ready"],
    [false, true, "node.ready"],
    [true, true, null],
    [true, false, "node.not_ready"],
    [true, null, "node.not_ready"],
    [null, false, null],
    [false, false, null],
  ] as const)("node %s → %s: %s", (previous, next, event) => {
    expect(nodeTransition(previous, next)).toBe(event);
  });
  it.each([
    [null, true, "cluster.healthy"],
    [false, true, "cluster.healthy"],
    [true, true, null],
    [true, false, "cluster.degraded"],
    [null, false, null],
    [false, false, null],
  ] as const)("cluster %s → %s: %s", (previous, next, event) => {
    expect(clusterTransition(previous, next)).toBe(event);
  });
});
