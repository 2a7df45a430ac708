import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bootEntry } from "@/app/boot.ipxe/route";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { GET as download } from "@/app/api/v1/config/download/route";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { generateClusterConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { baseConfigLoads } from "@/lib/services/cluster/base-config-cache";
import { machineRequest, noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// The hot path caches the settings and the decrypted base configs in memory and checks SQLite's
// PRAGMA data_version on each request (lib/data/hot-statements.ts): a change made by Prisma in
// this process, or by another process on the same file, must show on the very next request.
const repo = path.resolve(import.meta.dirname, "../..");
const dbFile = () => process.env.DATABASE_URL!.replace(/^file:/, "");
const ipxe = async (mac: string) => (await bootScript(machineRequest(`/api/v1/boot/ipxe?mac=${mac}`), noParams)).text();
const entry = async () => (await bootEntry(machineRequest("/boot.ipxe"), noParams)).text();
const tokenOf = (script: string) => /token=([A-Za-z0-9_-]+)/.exec(script)?.[1];

// Another OS process writes the file with its own better-sqlite3 connection, as the worker or a
// second web process would.
const writeFromAnotherProcess = (sql: string, params: unknown[]) =>
  execFileSync(process.execPath, ["-e", `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.prepare(process.argv[2]).run(...JSON.parse(process.argv[3])); db.close();`, dbFile(), sql, JSON.stringify(params)], { cwd: repo });

const downloadConfig = async (mac: string): Promise<string> => {
  const token = tokenOf(await ipxe(mac));
  expect(token).toBeDefined();
  const response = await download(machineRequest(`/api/v1/config/download?mac=${mac}&token=${token}`), noParams);
  const body = await response.text();
  expect(response.status, body).toBe(200);

  return body;
};

const sealedConfigs = async (endpoint: string) => {
  const configs = await generateClusterConfigs({ input: sampleInput({ clusterName: "lab", endpoint }), patches: noPatches, bundle: await generateSecretsBundle() });

  return { cp: await encryptSecret("cluster.controlplane", configs.controlplane), worker: await encryptSecret("cluster.worker", configs.worker) };
};

beforeAll(async () => {
  await seedGeneratedCluster();
}, 60_000);

beforeEach(async () => {
  await prisma.bootToken.deleteMany();
  await prisma.event.deleteMany();
  await prisma.device.deleteMany();
  await prisma.networkSettings.deleteMany();
});

describe("settings cached until the database changes", () => {
  it("a save through Prisma in this process shows on the next request", async () => {
    const saved = await seedNetworkSettings({ ipxePollSeconds: 5 });
    expect(await ipxe("52:54:00:dd:00:01")).toContain("sleep 5");
    expect(await ipxe("52:54:00:dd:00:01")).toContain("sleep 5");
    await prisma.networkSettings.update({ where: { id: saved.id }, data: { ipxePollSeconds: 7, httpBaseUrl: "http://10.42.0.7:3100" } });
    expect(await ipxe("52:54:00:dd:00:01")).toContain("sleep 7");
    expect(await entry()).toContain("chain --autofree http://10.42.0.7:3100/api/v1/boot/ipxe?");
  });

  it("a write by another process shows on the next request", async () => {
    await seedNetworkSettings({ ipxePollSeconds: 5 });
    expect(await ipxe("52:54:00:dd:00:02")).toContain("sleep 5");
    expect(await entry()).toContain("chain --autofree http://10.42.0.2:3100/");
    writeFromAnotherProcess(`UPDATE "NetworkSettings" SET ipxePollSeconds = ?, httpBaseUrl = ?`, [13, "http://10.42.0.13:3100"]);
    expect(await ipxe("52:54:00:dd:00:02")).toContain("sleep 13");
    expect(await entry()).toContain("chain --autofree http://10.42.0.13:3100/");
    writeFromAnotherProcess(`DELETE FROM "NetworkSettings"`, []);
    // No network settings: the product defaults and the address the machine used.
    expect(await ipxe("52:54:00:dd:00:02")).toContain("sleep 10");
    expect(await entry()).toContain("chain --autofree http://ktizo.test/");
  });
});

describe("base configs decrypted once, re-read when they change", () => {
  it("renders from memory while nothing changed, and serves a new cluster config on the next download", async () => {
    const network = await seedNetworkSettings();
    const mac = "52:54:00:dd:00:03";
    await prisma.device.create({ data: { mac, status: "approved", role: "worker", ipAddress: "10.42.0.50", hostname: "w-3" } });
    const first = await downloadConfig(mac);
    expect(first).toContain("https://10.42.0.10:6443");
    expect(first).toContain("10.42.0.50/24");

    // Nothing the config is built from changed (the download itself wrote rows): no decryption.
    const loads = baseConfigLoads();
    await prisma.device.update({ where: { mac }, data: { provisionedAt: null } });
    expect(await downloadConfig(mac)).toBe(first);
    expect(baseConfigLoads()).toBe(loads);

    // Network settings saved through Prisma: the next config has the new gateway and nameserver.
    await prisma.networkSettings.update({ where: { id: network.id }, data: { gateway: "10.42.0.254", dnsServers: ["10.42.0.53"] } });
    await prisma.device.update({ where: { mac }, data: { provisionedAt: null } });
    const resaved = await downloadConfig(mac);
    expect(resaved).toContain("gateway: 10.42.0.254");
    expect(resaved).toContain("10.42.0.53");
    expect(baseConfigLoads()).toBe(loads);

    // Another process regenerates the cluster config: the next download is built on it.
    const cluster = await prisma.clusterSettings.findFirstOrThrow();
    const sealed = await sealedConfigs("https://10.42.0.99:6443");
    try {
      writeFromAnotherProcess(`UPDATE "ClusterSettings" SET controlPlaneConfigEnc = ?, workerConfigEnc = ?`, [sealed.cp, sealed.worker]);
      await prisma.device.update({ where: { mac }, data: { provisionedAt: null } });
      const regenerated = await downloadConfig(mac);
      expect(regenerated).toContain("https://10.42.0.99:6443");
      expect(regenerated).not.toContain("https://10.42.0.10:6443");
      expect(baseConfigLoads()).toBe(loads + 1);
    } finally {
      await prisma.clusterSettings.update({ where: { id: cluster.id }, data: { controlPlaneConfigEnc: cluster.controlPlaneConfigEnc, workerConfigEnc: cluster.workerConfigEnc } });
    }
    await prisma.device.update({ where: { mac }, data: { provisionedAt: null } });
    expect(await downloadConfig(mac)).toContain("https://10.42.0.10:6443");
  });

  it("refuses with not_ready on the next request once the base configs are gone", async () => {
    await seedNetworkSettings();
    const mac = "52:54:00:dd:00:04";
    await prisma.device.create({ data: { mac, status: "approved", role: "worker" } });
    const token = tokenOf(await ipxe(mac));
    const cluster = await prisma.clusterSettings.findFirstOrThrow();
    writeFromAnotherProcess(`UPDATE "ClusterSettings" SET workerConfigEnc = ''`, []);
    try {
      const response = await download(machineRequest(`/api/v1/config/download?mac=${mac}&token=${token}`), noParams);
      expect(response.status).toBe(409);
      expect(await response.text()).toMatch(/cluster configuration has not been generated yet/);
    } finally {
      await prisma.clusterSettings.update({ where: { id: cluster.id }, data: { workerConfigEnc: cluster.workerConfigEnc } });
    }
  });
});
