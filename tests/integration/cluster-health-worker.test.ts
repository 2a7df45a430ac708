import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { prisma } from "@/lib/db/client";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { recordEvent } from "@/lib/events/record-event";
import { getClusterHealth } from "@/lib/services/cluster";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { createClusterWithSecrets, createProvisionedDevice } from "@/tests/helpers/cluster-with-secrets";
import { startReceiver, type Receiver } from "@/tests/helpers/webhook-receiver";
import { workerArgv } from "@/tests/net/worker-harness";
import { startKubernetesStandIn, type KubernetesStandIn } from "@/tests/stand-ins/kubernetes-api-stand-in";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";

// The real worker process (as `npm run worker` runs it) against STAND-INs for the nodes' Talos API
// and the Kubernetes API (tests/stand-ins/). Two workers run at once and one is restarted, to show
// the bootstrap happens exactly once; a hung node shows the collector backs off without slowing
// the others; Kubernetes nodes turning Ready produce events and webhooks in order.
const subnet = `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`;
const cpIp = `${subnet}.11`;
const workerIp = `${subnet}.21`;
const intervalMs = 300;
const timeoutMs = 1_500;
let bundle: SecretsBundle;
let cp: TalosStandIn;
let node2: TalosStandIn;
let kube: KubernetesStandIn;
let receiver: Receiver;
let token: string;
const workers: ChildProcess[] = [];
const logs: string[] = [];
const root = mkdtempSync(path.join(tmpdir(), "ktizo-cluster-worker-"));

const startWorker = (name: string): ChildProcess => {
  const [command, ...args] = workerArgv();
  const child = spawn(command!, args, {
    env: {
      ...process.env,
      KTIZO_DATA_DIR: path.join(root, name, "data"),
      KTIZO_COMPILED_DIR: path.join(root, name, "compiled"),
      KTIZO_DNSMASQ: "/bin/false",
      KTIZO_TALOS_API_PORT: String(cp.port),
      KTIZO_CLUSTER_TICK_MS: "50",
      KTIZO_HEALTH_INTERVAL_MS: String(intervalMs),
      KTIZO_HEALTH_BACKOFF_MAX_MS: "2400",
      KTIZO_HEALTH_TIMEOUT_MS: String(timeoutMs),
      KTIZO_BOOTSTRAP_RETRY_BASE_MS: "100",
      KTIZO_BOOTSTRAP_RETRY_MAX_MS: "400",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept for the failure message: what the workers said.
  child.stdout?.on("data", (chunk: Buffer) => logs.push(`${name}: ${chunk.toString()}`));
  child.stderr?.on("data", (chunk: Buffer) => logs.push(`${name}! ${chunk.toString()}`));
  workers.push(child);
  return child;
};

const stopWorker = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const waitFor = async <T>(what: string, probe: () => Promise<T | null | false | undefined>, limitMs = 60_000): Promise<T> => {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; worker output:\n${logs.join("").slice(-4000)}`);
};

const healthEvents = async () =>
  (await prisma.event.findMany({ where: { type: { in: ["node.ready", "node.not_ready", "cluster.healthy", "cluster.degraded"] } }, orderBy: { createdAt: "asc" } }))
    .map((event) => `${event.type}${event.deviceId ? `:${JSON.parse(event.details).hostname}` : ""}`);

beforeAll(async () => {
  token = await createAdminToken();
  bundle = await createClusterWithSecrets({ endpoint: "https://127.0.0.1:6443" });
  kube = await startKubernetesStandIn({ k8sCa: bundle.certs.k8s });
  kube.setReady(false);
  await prisma.clusterSettings.updateMany({ data: { endpoint: `https://127.0.0.1:${kube.port}` } });
  cp = await startTalosStandIn({ osCa: bundle.certs.os, address: cpIp, hostname: "cp-1", notReadyBootstraps: 2 });
  // The second node is dead at first: its apid takes the connection and never answers.
  node2 = await startTalosStandIn({ osCa: bundle.certs.os, address: workerIp, port: cp.port, hostname: "w-1", hang: true });
  receiver = await startReceiver();
  const response = await postWebhook(
    new Request("http://ktizo.test/api/v1/webhooks", {
      method: "POST", headers: adminHeaders(token),
      body: JSON.stringify({ name: "health", url: `${receiver.url}/hook`, events: ["node.ready", "node.not_ready", "cluster.healthy", "cluster.degraded", "cluster.bootstrapped"] }),
    }),
    { params: Promise.resolve({}) } as never,
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const other = await postWebhook(
    new Request("http://ktizo.test/api/v1/webhooks", {
      method: "POST", headers: adminHeaders(token),
      body: JSON.stringify({ name: "other", url: `${receiver.url}/other`, events: ["settings.applied"] }),
    }),
    { params: Promise.resolve({}) } as never,
  );
  expect(other.status, await other.clone().text()).toBe(201);
});

afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await Promise.all([cp?.close(), node2?.close(), kube?.close(), receiver?.close()]);
});

describe("cluster jobs in the worker", () => {
  it("waits for the first control plane, then bootstraps it exactly once across two workers and a restart", async () => {
    const [a, b] = [startWorker("a"), startWorker("b")];
    // Both workers up (their cluster jobs have logged their start) and a few ticks later still idle.
    // Starting two tsx processes takes long on a loaded box: allow for it.
    await waitFor("workers started", async () => logs.filter((line) => line.includes("cluster jobs started")).length >= 2, 120_000);
    await sleep(1_000);
    expect((await getClusterHealth()).summary).toBe("waiting for the first control plane");
    expect(cp.calls).toHaveLength(0);
    await createProvisionedDevice({ mac: "02:00:00:00:01:01", ip: cpIp, hostname: "cp-1", role: "controlplane" });
    await createProvisionedDevice({ mac: "02:00:00:00:01:02", ip: workerIp, hostname: "w-1", role: "worker" });
    await waitFor("bootstrap", async () => (await prisma.clusterSettings.findFirstOrThrow()).bootstrapState === "done");
    const callsAtDone = cp.bootstrapAnswers.length;
    await stopWorker(a);
    const c = startWorker("c");
    await waitFor("restarted worker", async () => logs.some((line) => line.startsWith("c:") && line.includes("bootstrap skipped: the cluster is already bootstrapped")), 120_000);
    await sleep(1_000);
    // Bootstrap ran on the node once. "Not ready" twice first (retried with backoff); a call whose
    // reply was lost to the deadline on this loaded box may add an "already bootstrapped" (6) that
    // counts as done. After "done" nobody (the other worker, the restarted one) calls again.
    expect(cp.bootstrapSuccesses()).toBe(1);
    expect(cp.bootstrapAnswers.slice(0, 3)).toEqual([9, 9, 0]);
    expect(cp.bootstrapAnswers.slice(3).every((code) => code === 6)).toBe(true);
    expect(cp.bootstrapAnswers.length).toBe(callsAtDone);
    expect((await prisma.event.findMany({ where: { type: { startsWith: "cluster.bootstrap" } }, orderBy: { createdAt: "asc" } })).map((e) => e.type))
      .toEqual(["cluster.bootstrap_started", "cluster.bootstrapped"]);
    void b;
    void c;
  }, 300_000);

  it("keeps polling the live node while the hung one waits out its deadline and backs off", async () => {
    // One worker (c) from here on, so every call the stand-ins see comes from the same collector.
    await stopWorker(workers[1]!);
    const since = Date.now();
    await sleep(2_000);
    // Meanwhile the worker's other jobs run as usual: a webhook queued now is delivered at once,
    // though a poll of the hung node is pending (the collector never blocks the worker).
    const hungCallPending = () => node2.calls.some((call) => call.at > Date.now() - timeoutMs);
    await waitFor("a call to the hung node in flight", async () => hungCallPending(), 10_000);
    const queuedAt = Date.now();
    await recordEvent({ type: "settings.applied", actor: { type: "system", name: "test" }, details: { probe: true } });
    await waitFor("the settings.applied webhook", async () => receiver.requests.some((request) => request.path === "/other"), 10_000);
    expect(Date.now() - queuedAt).toBeLessThan(timeoutMs);
    await sleep(Math.max(0, since + 8_000 - Date.now()));
    const live = cp.calls.filter((call) => call.method === "Version" && call.at >= since).map((call) => call.at);
    const dead = node2.calls.filter((call) => call.method === "Version" && call.at >= since).map((call) => call.at);
    if (process.env.DEBUG_WORKER_LOGS) console.log(logs.join("").slice(-6000), live, dead);
    // The hung node: 1.5 s deadlines with growing pauses between them (0.3, 0.6, 1.2, 2.4 s).
    expect(dead.length).toBeGreaterThanOrEqual(2);
    expect(dead.length).toBeLessThanOrEqual(5);
    const deadGaps = dead.slice(1).map((at, i) => at - dead[i]!);
    expect(deadGaps.every((gap) => gap >= timeoutMs)).toBe(true);
    // While a call to the hung node was pending, the live node was still being polled: the
    // collector does not wait for one node before asking the next. (Exact timing is proven with
    // a clock in worker/cluster-health/node-scheduler.test.ts; this box is shared and loaded.)
    const overlapping = dead.filter((at) => live.some((liveAt) => liveAt > at && liveAt < at + timeoutMs));
    expect(overlapping.length).toBeGreaterThanOrEqual(1);
    expect(live.length).toBeGreaterThan(dead.length);
    const health = await getClusterHealth();
    const row = (name: string) => health.nodes.find((n) => n.hostname === name);
    expect(row("cp-1")).toMatchObject({ stage: "running", talosVersion: "v1.11.6", inEtcd: true });
    expect(row("w-1")).toMatchObject({ stage: "booting", talosVersion: null, inEtcd: null });
    expect(row("cp-1")?.services.map((s) => `${s.id}:${s.healthy}`)).toEqual(["apid:true", "containerd:true", "trustd:true", "etcd:true", "kubelet:true"]);
  }, 60_000);

  it("turns node Ready changes into events and webhooks, in order", async () => {
    kube.setReady(true);
    kube.setNodes([{ name: "cp-1", ip: cpIp, ready: true, controlPlane: true }, { name: "w-1", ip: workerIp, ready: false }]);
    await waitFor("cp-1 Ready", async () => (await healthEvents()).includes("node.ready:cp-1"));
    await waitFor("1 of 2 nodes Ready", async () => (await getClusterHealth()).summary === "1 of 2 nodes Ready");
    // The dead node comes back: a live apid on the same address.
    await node2.close();
    node2 = await startTalosStandIn({ osCa: bundle.certs.os, address: workerIp, port: cp.port, hostname: "w-1" });
    kube.setNodes([{ name: "cp-1", ip: cpIp, ready: true, controlPlane: true }, { name: "w-1", ip: workerIp, ready: true }]);
    await waitFor("cluster healthy", async () => (await healthEvents()).includes("cluster.healthy"));
    const health = await waitFor("all nodes ready", async () => {
      const h = await getClusterHealth();
      return h.nodes.every((n) => n.stage === "ready") && h;
    });
    expect(health).toMatchObject({ phase: "healthy", summary: "2 of 2 nodes Ready", healthy: true, kubernetes: { apiReady: true, version: "v1.34.1" } });
    kube.setNodes([{ name: "cp-1", ip: cpIp, ready: true, controlPlane: true }, { name: "w-1", ip: workerIp, ready: false }]);
    await waitFor("cluster degraded", async () => (await healthEvents()).includes("cluster.degraded"));
    expect(await healthEvents()).toEqual(["node.ready:cp-1", "node.ready:w-1", "cluster.healthy", "node.not_ready:w-1", "cluster.degraded"]);

    // The worker's webhooks job delivers the outbox (worker/jobs/webhooks-job.ts), one delivery at a
    // time per webhook in event order; only worker c runs by now, so they arrive in that order.
    const expected = ["cluster.bootstrapped:cp-1", "node.ready:cp-1", "node.ready:w-1", "cluster.healthy", "node.not_ready:w-1", "cluster.degraded"];
    await waitFor("every webhook delivered", async () => receiver.requests.filter((request) => request.path === "/hook").length >= expected.length);
    const delivered = receiver.requests.filter((request) => request.path === "/hook").map((request) => {
      const body = JSON.parse(request.body) as { event: string; device: { hostname: string } | null };
      return `${body.event}${body.device ? `:${body.device.hostname}` : ""}`;
    });
    expect(delivered).toEqual(expected);
  }, 90_000);
});
