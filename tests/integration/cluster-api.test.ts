import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSettings, POST as postSettings } from "@/app/api/v1/cluster/settings/route";
import { PUT as putSettings } from "@/app/api/v1/cluster/settings/[id]/route";
import { POST as generateSecrets } from "@/app/api/v1/cluster/secrets/generate/route";
import { POST as importSecrets } from "@/app/api/v1/cluster/secrets/import/route";
import { GET as exportSecrets } from "@/app/api/v1/cluster/secrets/export/route";
import { POST as generateConfig } from "@/app/api/v1/cluster/config/generate/route";
import { GET as getTalosconfig } from "@/app/api/v1/cluster/talosconfig/route";
import { prisma } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/env";
import { b64ToPem } from "@/lib/domain/talos/pem";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";
import { loadBaseConfigs } from "@/lib/services/cluster";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";

let token: string;
const base = "http://ktizo.test/api/v1/cluster";
const noParams = { params: Promise.resolve({}) } as never;
const call = (handler: (req: Request, seg: never) => Promise<Response>, path: string, init: { method?: string; body?: unknown; params?: unknown } = {}) =>
  handler(
    new Request(`${base}${path}`, {
      method: init.method ?? "GET",
      headers: adminHeaders(token),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    (init.params ? { params: Promise.resolve(init.params) } : noParams) as never,
  );

const settingsBody = { name: "demo", endpoint: "https://10.0.0.10:6443", additionalSans: ["k8s.lab.example"] };

const storedRow = () => prisma.clusterSettings.findFirstOrThrow();

beforeAll(async () => {
  token = await createAdminToken();
});

describe("cluster admin API", () => {
  it("requires a login", async () => {
    const res = await getSettings(new Request(`${base}/settings`), noParams);
    expect(res.status).toBe(401);
  });

  it("answers 404 before settings exist and refuses secrets before settings", async () => {
    expect((await call(getSettings, "/settings")).status).toBe(404);
    expect((await call(generateSecrets, "/secrets/generate", { method: "POST", body: {} })).status).toBe(409);
    await expect(loadBaseConfigs()).rejects.toMatchObject({ code: "not_ready" });
  });

  it("creates settings with defaults (201) and refuses a second create (409)", async () => {
    const res = await call(postSettings, "/settings", { method: "POST", body: settingsBody });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      name: "demo", endpoint: "https://10.0.0.10:6443", talosVersion: "v1.11.6", kubernetesVersion: "1.34.1",
      installDisk: "/dev/sda", podSubnets: ["10.244.0.0/16"], serviceSubnets: ["10.96.0.0/12"], cniName: "flannel",
      additionalSans: ["k8s.lab.example"], generator: "builtin", generatedAt: null,
    });
    expect((await call(postSettings, "/settings", { method: "POST", body: settingsBody })).status).toBe(409);
    expect((await call(getSettings, "/settings")).status).toBe(200);
  });

  it.each([
    ["malformed endpoint", { endpoint: "10.0.0.10:6443" }, /endpoint/],
    ["endpoint without port", { endpoint: "https://10.0.0.10" }, /endpoint/],
    ["unsupported Kubernetes version", { kubernetesVersion: "1.35.0" }, /1\.29\.0 - 1\.34/],
    ["old Kubernetes version", { kubernetesVersion: "1.28.4" }, /kubernetesVersion/],
    ["subnet that is not a CIDR", { podSubnets: ["10.244.0.0"] }, /CIDR/],
    ["install disk that is not a device", { installDisk: "sda; rm -rf /" }, /installDisk/],
    ["install image without tag", { installImage: "ghcr.io/siderolabs/installer" }, /installImage/],
    ["patch that is not YAML", { configPatch: "machine: [\n" }, /not valid YAML/],
    ["patch with an unknown key", { configPatch: "machine:\n  notAKey: true\n" }, /Cluster-wide patch: machine: unknown key .*notAKey/],
    ["patch that is a JSON patch", { workerPatch: '[{"op":"add","path":"/machine/x","value":1}]' }, /JSON patches/],
    ["custom CNI without URLs", { cniName: "custom" }, /custom CNI/],
    ["service subnet overlapping the pod subnet", { serviceSubnets: ["10.244.128.0/20"] }, /Service subnet 10\.244\.128\.0\/20 overlaps pod subnet 10\.244\.0\.0\/16/],
    ["pod subnet covering the service subnet", { podSubnets: ["10.0.0.0/8"] }, /overlaps pod subnet 10\.0\.0\.0\/8/],
    ["newline in the name", { name: "demo\nevil: 1" }, /control characters/],
  ])("PUT with a %s answers 422 and changes nothing", async (_name, patch, message) => {
    const before = await storedRow();
    const res = await call(putSettings, `/settings/${before.id}`, { method: "PUT", body: patch, params: { id: before.id } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(message);
    expect(await storedRow()).toEqual(before);
  });

  it("PUT updates a subset and answers 404 for another id", async () => {
    const row = await storedRow();
    const res = await call(putSettings, `/settings/${row.id}`, {
      method: "PUT",
      body: { kubernetesVersion: "v1.33.2", workerPatch: "machine:\n  nodeLabels:\n    pool: general\n" },
      params: { id: row.id },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kubernetesVersion: "1.33.2", name: "demo" });
    expect((await call(putSettings, "/settings/nope", { method: "PUT", body: {}, params: { id: "nope" } })).status).toBe(404);
  });

  it("generates secrets, refuses to replace them without force, and generates the configuration", async () => {
    const res = await call(generateSecrets, "/secrets/generate", { method: "POST" });
    expect(res.status).toBe(200);
    expect(Object.keys(await res.json())).toEqual(["generatedAt"]);
    expect((await call(generateSecrets, "/secrets/generate", { method: "POST", body: {} })).status).toBe(409);

    const gen = await call(generateConfig, "/config/generate", { method: "POST", body: {} });
    expect(gen.status).toBe(200);
    const body = await gen.json();
    expect(body).toMatchObject({ generator: "builtin", validation: { ok: true, errors: [] } });
    const configs = await loadBaseConfigs();
    expect(validateMachineConfig(configs.controlplane).ok).toBe(true);
    expect(validateMachineConfig(configs.worker).ok).toBe(true);
    expect(parse(configs.worker).machine.nodeLabels).toEqual({ pool: "general" });
    expect(parse(configs.controlplane).machine.kubelet.image).toBe("ghcr.io/siderolabs/kubelet:v1.33.2");
    const settings = await (await call(getSettings, "/settings")).json();
    expect(settings.generatedAt).toBe(body.generatedAt);
    expect(JSON.stringify(settings)).not.toMatch(/LS0tLS1CRUdJT|secretsEnc|ConfigEnc/);
  });

  it("stores no PEM or base64-PEM text in the database file", async () => {
    await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const file = databaseFilePath();
    for (const candidate of [file, `${file}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(candidate);
      } catch {
        continue;
      }
      expect(bytes.includes("LS0tLS1CRUdJT")).toBe(false);
      expect(bytes.includes("-----BEGIN")).toBe(false);
    }
    const row = await storedRow();
    expect(row.secretsEnc).toMatch(/^v1:/);
    expect(row.controlPlaneConfigEnc).toMatch(/^v1:/);
  });

  it("serves talosconfig with approved control-plane IPs as endpoints", async () => {
    await prisma.device.createMany({
      data: [
        { mac: "52:54:00:00:00:01", status: "approved", role: "controlplane", ipAddress: "10.0.0.21" },
        { mac: "52:54:00:00:00:02", status: "pending", role: "controlplane", ipAddress: "10.0.0.22" },
        { mac: "52:54:00:00:00:03", status: "approved", role: "worker", ipAddress: "10.0.0.23" },
        { mac: "52:54:00:00:00:04", status: "approved", role: "controlplane" },
      ],
    });
    const res = await call(getTalosconfig, "/talosconfig");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/yaml/);
    const doc = parse(await res.text());
    expect(doc.contexts.demo.endpoints).toEqual(["10.0.0.21"]);
    const admin = new X509Certificate(b64ToPem(doc.contexts.demo.crt));
    expect(admin.verify(new X509Certificate(b64ToPem(doc.contexts.demo.ca)).publicKey)).toBe(true);
    expect(await prisma.event.count({ where: { type: "cluster.talosconfig_downloaded" } })).toBe(1);
  });

  it("exports secrets.yaml (logged) and re-imports it with force", async () => {
    const res = await call(exportSecrets, "/secrets/export");
    expect(res.status).toBe(200);
    const yaml = await res.text();
    expect(yaml).toMatch(/^cluster:\n    id: /);
    expect(await prisma.event.count({ where: { type: "cluster.secrets_exported" } })).toBe(1);
    expect((await call(importSecrets, "/secrets/import", { method: "POST", body: { secretsYaml: yaml } })).status).toBe(409);
    const ok = await call(importSecrets, "/secrets/import", { method: "POST", body: { secretsYaml: yaml, force: true } });
    expect(ok.status).toBe(200);
    // Importing replaces the bundle, so the old configs are dropped until generated again.
    await expect(loadBaseConfigs()).rejects.toMatchObject({ code: "not_ready" });
  });

  it.each([
    ["not YAML", "cluster: [\n"],
    ["a truncated bundle", "cluster:\n    id: abc\n"],
    ["a certificate that is not base64 PEM", "cluster:\n    id: x\n    secret: y\nsecrets:\n    bootstraptoken: a\ntrustdinfo:\n    token: b\ncerts:\n    etcd:\n        crt: AAAA\n        key: AAAA\n"],
  ])("refuses to import %s (422) and keeps the stored secrets", async (_name, secretsYaml) => {
    const before = await storedRow();
    const res = await call(importSecrets, "/secrets/import", { method: "POST", body: { secretsYaml, force: true } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/secrets.yaml is invalid/);
    expect(await storedRow()).toEqual(before);
  });
});
