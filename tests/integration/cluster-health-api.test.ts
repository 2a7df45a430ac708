import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postBootstrap } from "@/app/api/v1/cluster/bootstrap/route";
import { GET as getHealth } from "@/app/api/v1/cluster/health/route";
import { PUT as putSettings } from "@/app/api/v1/cluster/settings/[id]/route";
import { bootstrapCluster } from "@/lib/services/cluster";
import { GET as scrape } from "@/app/metrics/route";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { parsePrometheusText, valueOf } from "@/tests/helpers/prometheus-text";
import { prisma } from "@/lib/db/client";
import { clusterHealthSchema } from "@/lib/schemas/cluster-health";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { createClusterWithSecrets, createProvisionedDevice } from "@/tests/helpers/cluster-with-secrets";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";

// GET /api/v1/cluster/health and POST /api/v1/cluster/bootstrap ("Bootstrap now") against the
// STAND-IN Talos API. The web process reads the apid port once from its environment.
const port = 20_000 + Math.floor(Math.random() * 30_000);
process.env.KTIZO_TALOS_API_PORT = String(port);
const ip = `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.5`;
let token: string;
let node: TalosStandIn;
const noParams = { params: Promise.resolve({}) } as never;

const health = async () => {
  const response = await getHealth(new Request("http://ktizo.test/api/v1/cluster/health", { headers: adminHeaders(token) }), noParams);
  expect(response.status).toBe(200);
  return clusterHealthSchema.parse(await response.json());
};
const bootstrap = (body: unknown) =>
  postBootstrap(new Request("http://ktizo.test/api/v1/cluster/bootstrap", { method: "POST", headers: adminHeaders(token), body: JSON.stringify(body) }), noParams);

beforeAll(async () => {
  token = await createAdminToken();
  const bundle = await createClusterWithSecrets();
  node = await startTalosStandIn({ osCa: bundle.certs.os, address: ip, port, hostname: "cp-1", notReadyBootstraps: 1 });
});
afterAll(() => node.close());

describe("cluster health and manual bootstrap API", () => {
  it("says what the cluster waits for, with a row per approved device", async () => {
    expect(await health()).toMatchObject({ phase: "waiting_control_plane", summary: "waiting for the first control plane", healthy: false, nodes: [], bootstrap: { state: "pending", auto: true } });
    await createProvisionedDevice({ mac: "02:00:00:00:02:01", ip, hostname: "cp-1", role: "controlplane", provisionedAt: null });
    expect((await health()).nodes).toMatchObject([{ hostname: "cp-1", stage: "installing", inEtcd: false, k8sReady: null }]);
    await prisma.device.updateMany({ data: { provisionedAt: new Date() } });
    expect(await health()).toMatchObject({ phase: "bootstrapping", summary: "bootstrapping etcd", nodes: [{ stage: "booting" }] });
  });

  it("automatic bootstrap and the kubeconfig lifetime are cluster settings", async () => {
    const { id } = await prisma.clusterSettings.findFirstOrThrow();
    const put = (body: unknown) =>
      putSettings(new Request(`http://ktizo.test/api/v1/cluster/settings/${id}`, { method: "PUT", headers: adminHeaders(token), body: JSON.stringify(body) }), { params: Promise.resolve({ id }) } as never);
    const bad = await put({ kubeconfigTtlHours: 0 });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("kubeconfigTtlHours");
    const off = await put({ autoBootstrap: false, kubeconfigTtlHours: 8 });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ autoBootstrap: false, kubeconfigTtlHours: 8 });
    const talos = { port, timeoutMs: 2_000, retryBaseMs: 10, retryMaxMs: 10 };
    await expect(bootstrapCluster({ manual: false, actor: { type: "system" }, talos })).resolves.toEqual({ outcome: "skipped", reason: "automatic bootstrap is off" });
    expect(node.calls).toHaveLength(0);
    expect((await health()).bootstrap.auto).toBe(false);
  });

  it("needs the confirmation, naming the field; nothing reaches the node without it", async () => {
    for (const body of [{}, { confirm: false }, { confirm: "yes" }]) {
      const response = await bootstrap(body);
      expect(response.status).toBe(422);
      expect(JSON.stringify(await response.json())).toContain("confirm");
    }
    expect(node.calls).toHaveLength(0);
  });

  it("reports 'not ready' as 503 with Talos's message and a bootstrap_failed event, then bootstraps, then refuses a second time", async () => {
    const first = await bootstrap({ confirm: true });
    expect(first.status).toBe(503);
    expect(JSON.stringify(await first.json())).toContain("bootstrap is not available yet");
    const failed = await prisma.event.findFirstOrThrow({ where: { type: "cluster.bootstrap_failed" } });
    expect(JSON.parse(failed.details)).toMatchObject({ message: "bootstrap is not available yet", manual: true });
    const second = await bootstrap({ confirm: true });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: "bootstrapped", alreadyBootstrapped: false });
    const third = await bootstrap({ confirm: true });
    expect(third.status).toBe(409);
    expect(node.bootstrapSuccesses()).toBe(1);
    expect(node.calls.filter((c) => c.method === "Bootstrap")).toHaveLength(2);
    expect((await health()).bootstrap).toMatchObject({ state: "done", attempts: 2 });
  });

  it("exports the cluster state on /metrics", async () => {
    const response = await scrape(new Request("http://ktizo.test/metrics"), noParams);
    const parsed = parsePrometheusText(await response.text());
    expect(valueOf(parsed, "ktizo_cluster_bootstrapped")).toBe(1);
    expect(valueOf(parsed, "ktizo_cluster_healthy")).toBe(0);
    expect(valueOf(parsed, "ktizo_cluster_nodes", { stage: "booting" })).toBe(1);
    expect(valueOf(parsed, "ktizo_cluster_nodes", { stage: "ready" })).toBe(0);
  });

  it("documents in OpenAPI every status these routes answer (docs/cluster.md lists the same)", async () => {
    const response = await openapiRoute(new Request("http://ktizo.test/api/v1/openapi.json", { headers: adminHeaders(token) }), noParams);
    const paths = ((await response.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths;
    const statuses = (path: string, method: string) => Object.keys(paths[path]?.[method]?.responses ?? {}).sort();
    // Bootstrap: done, not signed in, already done / in progress / nothing provisioned, no
    // confirmation, Talos refused it, the node is not ready yet.
    expect(statuses("/api/v1/cluster/bootstrap", "post")).toEqual(expect.arrayContaining(["200", "401", "409", "422", "502", "503"]));
    expect(statuses("/api/v1/cluster/health", "get")).toEqual(["200", "401"]);
    expect(statuses("/api/v1/cluster/kubeconfig", "get")).toEqual(expect.arrayContaining(["200", "401", "422"]));
  });
});
