import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import { startKubernetesStandIn, type KubernetesStandIn } from "@/tests/stand-ins/kubernetes-api-stand-in";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";
import { expect, loginViaApi, test } from "./fixtures";

// The Health panel end to end: the real web app and the real worker process, with STAND-INs for
// the node's Talos API and the Kubernetes API (tests/stand-ins/: real gRPC/HTTPS with mutual TLS
// from the cluster's own CAs). Chromium watches the panel go from "waiting for the first control
// plane" through the bootstrap to a Ready node, without reloading.
const subnet = `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`;
const cpIp = `${subnet}.11`;
// The e2e server's throwaway database and data dir (scripts/e2e-server.sh).
const e2eDb = path.resolve("data/e2e/ktizo.db");

let talos: TalosStandIn | undefined;
let kube: KubernetesStandIn | undefined;
let worker: ChildProcess | undefined;
let deviceId: string | undefined;

test.afterAll(async ({ browser }) => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once("exit", resolve));
    worker.kill("SIGTERM");
    await exited;
  }
  await Promise.all([talos?.close(), kube?.close()]);
  // Later specs count devices: leave none behind.
  if (deviceId) {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` });
    await loginViaApi(context);
    await context.request.delete(`/api/v1/devices/${deviceId}`);
    await context.close();
  }
});

test("the Health panel follows the cluster from waiting for the first control plane to Ready", async ({ adminPage: page, adminApi }) => {
  test.setTimeout(240_000);
  // A cluster with generated secrets and configs (another spec may have made one: reuse it).
  const settings = { name: "e2e", endpoint: "https://127.0.0.1:6443", cniName: "none" };
  const created = await adminApi.post("/api/v1/cluster/settings", { data: settings });
  expect([201, 409]).toContain(created.status());
  const current = await (await adminApi.get("/api/v1/cluster/settings")).json();
  expect((await adminApi.post("/api/v1/cluster/secrets/generate", { data: { force: true } })).status()).toBe(200);
  expect((await adminApi.post("/api/v1/cluster/config/generate", { data: {} })).status()).toBe(200);
  const parsed = parseSecretsYaml(await (await adminApi.get("/api/v1/cluster/secrets/export")).text());
  if (!parsed.ok) throw new Error("secrets export did not parse");
  const bundle = parsed.bundle;

  kube = await startKubernetesStandIn({ k8sCa: bundle.certs.k8s });
  kube.setReady(true);
  expect((await adminApi.put(`/api/v1/cluster/settings/${current.id}`, { data: { endpoint: `https://127.0.0.1:${kube.port}`, autoBootstrap: true } })).status()).toBe(200);
  talos = await startTalosStandIn({ osCa: bundle.certs.os, address: cpIp, hostname: "e2e-cp-1", notReadyBootstraps: 1 });

  worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "file:./data/e2e/ktizo.db",
      // Its own status file and dnsmasq dir (other specs expect no worker beside the e2e server),
      // and the web app's secret key, to read the cluster's encrypted secrets.
      KTIZO_SECRET_KEY: readFileSync("data/e2e/secret.key", "utf8").trim(),
      KTIZO_DATA_DIR: "data/e2e/health-worker",
      KTIZO_COMPILED_DIR: "data/e2e/health-worker/compiled",
      KTIZO_DNSMASQ: "/bin/false",
      KTIZO_TALOS_API_PORT: String(talos.port),
      KTIZO_CLUSTER_TICK_MS: "100",
      KTIZO_HEALTH_INTERVAL_MS: "500",
      KTIZO_HEALTH_TIMEOUT_MS: "3000",
      KTIZO_BOOTSTRAP_RETRY_BASE_MS: "200",
    },
    stdio: "inherit",
  });

  await page.goto("/cluster");
  const summary = page.getByTestId("cluster-health-summary");
  await expect(summary).toHaveText("waiting for the first control plane");

  // The control plane is approved, then downloads its config. Its loopback address and the
  // download are written to the database directly: a stand-in for a machine on the provisioning
  // network fetching its config over the boot chain (the boot-flow tests cover that path; a static
  // IP through the API needs network settings, which e2e/network.spec.ts owns).
  const device = await adminApi.post("/api/v1/devices", { data: { mac: "02:e2:00:00:00:11", status: "approved", role: "controlplane", hostname: "e2e-cp-1" } });
  expect(device.status(), await device.text()).toBe(201);
  const { id } = (await device.json()) as { id: string };
  deviceId = id;
  await expect(page.getByTestId("node-stage")).toHaveText("installing");
  const db = new Database(e2eDb);
  db.prepare("UPDATE Device SET ipAddress = ?, provisionedAt = ?, configDownloadedAt = ? WHERE id = ?").run(cpIp, Date.now(), Date.now(), id);
  db.close();

  // The worker bootstraps etcd (after one "not ready"), the node runs, then Kubernetes says Ready.
  await expect(summary).toHaveText(/bootstrapping etcd|1 of 1 control planes in etcd|0 of 1 nodes Ready/, { timeout: 90_000 });
  await expect(page.getByTestId("node-stage")).toHaveText("running", { timeout: 90_000 });
  expect(talos.bootstrapSuccesses()).toBe(1);
  await expect(summary).toHaveText("0 of 1 nodes Ready", { timeout: 60_000 });
  kube.setNodes([{ name: "e2e-cp-1", ip: cpIp, ready: true, controlPlane: true }]);
  await expect(summary).toHaveText("1 of 1 nodes Ready", { timeout: 60_000 });
  await expect(page.getByTestId("node-stage")).toHaveText("Ready");
  await expect(page.getByTestId("cluster-health-row")).toContainText("v1.11.6");

  // The device page shows the node's health, and the Overview the cluster line.
  await page.goto(`/devices/${id}`);
  await expect(page.getByTestId("node-health")).toContainText("Ready");
  await page.goto("/");
  await expect(page.getByTestId("overview-cluster")).toContainText("1 of 1 nodes Ready");
});
