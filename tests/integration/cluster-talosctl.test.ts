import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as generateConfig } from "@/app/api/v1/cluster/config/generate/route";
import { prisma } from "@/lib/db/client";
import { generateClusterConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { parseSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import { stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { clusterSettingsSchema } from "@/lib/schemas/cluster";
import { createClusterSettings } from "@/lib/services/cluster";
import { generateClusterSecrets } from "@/lib/services/cluster";
import { loadBaseConfigs } from "@/lib/services/cluster";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { sampleInput } from "@/lib/domain/talos/testing/sample-input";

// The real talosctl can't be installed here: KTIZO_TALOSCTL points at a stand-in that checks the
// exact arguments and input files it gets, then writes the three outputs.
const standIn = path.resolve("tests/fixtures/talosctl-stand-in.mjs");
process.env.KTIZO_TALOSCTL = standIn;
process.env.TAG = "v9.9.9"; // must be stripped from talosctl's environment (REFERENCE §2.1 gotcha)

const actor = { type: "system" } as const;
const patches = {
  configPatch: "machine:\n  sysctls:\n    vm.swappiness: \"10\"\n",
  controlPlanePatch: "cluster:\n  apiServer:\n    extraArgs:\n      audit-log-maxage: \"7\"\n",
  workerPatch: "",
};
let token: string;
let secretsYaml: string;
let outputs: string;

const request = (body: unknown) =>
  generateConfig(
    new Request("http://ktizo.test/api/v1/cluster/config/generate", { method: "POST", headers: adminHeaders(token), body: JSON.stringify(body) }),
    { params: Promise.resolve({}) } as never,
  );

beforeAll(async () => {
  token = await createAdminToken();
  const input = clusterSettingsSchema.parse({
    name: "lab", endpoint: "https://cp.lab.example:6443", additionalSans: ["10.0.0.5", "api.lab.example"],
    cniName: "none", allowSchedulingOnControlPlanes: true, installDisk: "/dev/nvme0n1", ...patches,
  });
  await createClusterSettings({ input, actor });
  await generateClusterSecrets({ force: false, actor });
  const row = await prisma.clusterSettings.findFirstOrThrow();
  secretsYaml = await decryptSecret("cluster.secrets", row.secretsEnc ?? "");
  const parsed = parseSecretsYaml(secretsYaml);
  if (!parsed.ok) throw new Error("bad bundle");
  // What "talosctl" will write: produced ahead of time from the same bundle.
  outputs = mkdtempSync(path.join(tmpdir(), "ktizo-standin-out-"));
  const configs = await generateClusterConfigs({
    input: sampleInput({ clusterName: "lab", endpoint: "https://cp.lab.example:6443", additionalSans: ["10.0.0.5", "api.lab.example"], cniName: "none", allowSchedulingOnControlPlanes: true, installDisk: "/dev/nvme0n1" }),
    patches,
    bundle: parsed.bundle,
  });
  writeFileSync(path.join(outputs, "controlplane.yaml"), configs.controlplane);
  writeFileSync(path.join(outputs, "worker.yaml"), configs.worker);
  writeFileSync(path.join(outputs, "talosconfig"), configs.talosconfig);
  process.env.STANDIN_OUTPUT_FROM = outputs;
  process.env.STANDIN_EXPECT_ARGS = JSON.stringify([
    "gen", "config", "lab", "https://cp.lab.example:6443",
    "--with-secrets", "<DIR>/secrets.yaml",
    "--talos-version", "v1.11",
    "--kubernetes-version", "1.34.1",
    "--install-disk", "/dev/nvme0n1",
    "--install-image", "ghcr.io/siderolabs/installer:v1.11.6",
    "--dns-domain", "cluster.local",
    "--additional-sans", "10.0.0.5",
    "--additional-sans", "api.lab.example",
    "--config-patch", "@<DIR>/settingsPatch.yaml",
    "--config-patch", "@<DIR>/configPatch.yaml",
    "--config-patch-control-plane", "@<DIR>/settingsControlPlanePatch.yaml",
    "--config-patch-control-plane", "@<DIR>/controlPlanePatch.yaml",
    "--with-docs=false", "--with-examples=false",
    "--output-types", "controlplane,worker,talosconfig",
    "--output", "<DIR>/out",
  ]);
  process.env.STANDIN_EXPECT_FILES = JSON.stringify({
    "secrets.yaml": secretsYaml,
    "settingsPatch.yaml": stringifyTalosYaml({ cluster: { network: { cni: { name: "none" } } } }),
    "configPatch.yaml": patches.configPatch,
    "settingsControlPlanePatch.yaml": stringifyTalosYaml({ cluster: { allowSchedulingOnControlPlanes: true } }),
    "controlPlanePatch.yaml": patches.controlPlanePatch,
  });
});

describe("config generation with talosctl", () => {
  it("runs talosctl with the exact arguments, stores its validated output and removes the temp dir", async () => {
    const before = new Set(readdirSync(tmpdir()).filter((name: string) => name.startsWith("ktizo-talosctl-")));
    const res = await request({ generator: "talosctl" });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ generator: "talosctl", validation: { ok: true, errors: [] } });
    const stored = await loadBaseConfigs();
    expect(stored.controlplane).toBe(readFileSync(path.join(outputs, "controlplane.yaml"), "utf8"));
    const after = readdirSync(tmpdir()).filter((name: string) => name.startsWith("ktizo-talosctl-") && !before.has(name));
    expect(after).toEqual([]);
    expect((await prisma.clusterSettings.findFirstOrThrow()).generator).toBe("talosctl");
  });

  it("shows talosctl's stderr when it fails, and keeps the stored configs", async () => {
    const before = await prisma.clusterSettings.findFirstOrThrow();
    process.env.STANDIN_MODE = "fail";
    try {
      const res = await request({ generator: "talosctl" });
      expect(res.status).toBe(502);
      expect((await res.json()).error.message).toMatch(/talosctl gen config failed: error: failed to load secrets bundle/);
    } finally {
      delete process.env.STANDIN_MODE;
    }
    expect(await prisma.clusterSettings.findFirstOrThrow()).toEqual(before);
  });

  it("the stand-in really rejects other arguments (so the exact-args check can fail)", async () => {
    const expected = process.env.STANDIN_EXPECT_ARGS ?? "";
    process.env.STANDIN_EXPECT_ARGS = expected.replace('"v1.11"', '"v1.12"');
    try {
      const res = await request({ generator: "talosctl" });
      expect(res.status).toBe(502);
      expect((await res.json()).error.message).toMatch(/stand-in: unexpected arguments/);
    } finally {
      process.env.STANDIN_EXPECT_ARGS = expected;
    }
  });

  it("refuses output that fails validation", async () => {
    writeFileSync(path.join(outputs, "worker.yaml"), "version: v1alpha1\nmachine:\n  type: worker\n  bogus: 1\n");
    const res = await request({ generator: "talosctl" });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/worker.yaml: config: machine: unknown key/);
  });
});
