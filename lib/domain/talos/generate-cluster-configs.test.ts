import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaErrors } from "@/lib/domain/talos/config-schema";
import { generateClusterConfigs, validateGeneratedConfigs, type GeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { keyObjectFromPem, publicKeyDer } from "@/lib/domain/talos/keys";
import { b64ToPem } from "@/lib/domain/talos/pem";
import { generateSecretsBundle, type SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";

let bundle: SecretsBundle;
let configs: GeneratedConfigs;
const tmp = mkdtempSync(path.join(tmpdir(), "ktizo-talos-"));

beforeAll(async () => {
  bundle = await generateSecretsBundle();
  configs = await generateClusterConfigs({ input: sampleInput(), patches: noPatches, bundle });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Every key path in emitted order, "a.b" for maps and "a[]" for lists (first element only).
const keyPaths = (value: unknown, prefix = ""): string[] => {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (typeof value !== "object" || value === null) return [];

  return Object.entries(value).flatMap(([key, child]) => {
    const here = prefix ? `${prefix}.${key}` : key;
    return [here, ...keyPaths(child, here)];
  });
};

const machineKeys = ["type", "token", "ca", "certSANs", "kubelet", "network", "install", "features"];
const cpClusterKeys = [
  "id", "secret", "controlPlane", "clusterName", "network", "token", "secretboxEncryptionSecret", "ca", "aggregatorCA",
  "serviceAccount", "apiServer", "controllerManager", "proxy", "scheduler", "discovery", "etcd",
];

describe("generateClusterConfigs (builtin)", () => {
  it("emits controlplane.yaml key by key in talosctl's order (Talos's v1.11 stability golden files)", () => {
    const doc = parse(configs.controlplane);
    expect(Object.keys(doc)).toEqual(["version", "debug", "persist", "machine", "cluster"]);
    expect(Object.keys(doc.machine)).toEqual([...machineKeys, "nodeLabels"]);
    expect(Object.keys(doc.cluster)).toEqual(cpClusterKeys);
    expect(keyPaths(doc.cluster.apiServer)).toContain("admissionControl[].configuration.exemptions.runtimeClasses");
    expect(doc.machine.kubelet.image).toBe("ghcr.io/siderolabs/kubelet:v1.34.1");
    expect(doc.cluster.apiServer.certSANs).toEqual(["10.0.0.10"]);
    expect(doc.machine.install).toEqual({ disk: "/dev/sda", image: "ghcr.io/siderolabs/installer:v1.11.6", wipe: false });
    expect(doc.machine.registries).toBeUndefined();
    expect(doc.cluster.extraManifests).toBeUndefined();
  });

  it("uses 4-space indentation with sequences indented under their key", () => {
    expect(configs.controlplane).toContain("\n    type: controlplane\n");
    expect(configs.controlplane).toContain("        podSubnets:\n            - 10.244.0.0/16\n");
    expect(configs.controlplane).toContain("    nodeLabels:\n        node.kubernetes.io/exclude-from-external-load-balancers: \"\"\n");
  });

  it("lays out lists of mappings like yaml.v3 (Talos's v1.11 stability golden files)", () => {
    expect(configs.controlplane).toContain(
      [
        "        admissionControl:",
        "            - name: PodSecurity",
        "              configuration:",
        "                apiVersion: pod-security.admission.config.k8s.io/v1alpha1",
        "                defaults:",
        "                    audit: restricted",
        "                    audit-version: latest",
        "                    enforce: baseline",
        "                    enforce-version: latest",
        "                    warn: restricted",
        "                    warn-version: latest",
        "                exemptions:",
        "                    namespaces:",
        "                        - kube-system",
        "                    runtimeClasses: []",
        "                    usernames: []",
        "                kind: PodSecurityConfiguration",
        "        auditPolicy:",
        "            apiVersion: audit.k8s.io/v1",
        "            kind: Policy",
        "            rules:",
        "                - level: Metadata",
        "    controllerManager:",
      ].join("\n"),
    );
  });

  it("emits worker.yaml with the worker differences of Talos's v1.11 golden files", () => {
    const doc = parse(configs.worker);
    expect(Object.keys(doc.machine)).toEqual(machineKeys);
    expect(Object.keys(doc.cluster)).toEqual(["id", "secret", "controlPlane", "clusterName", "network", "token", "ca", "discovery"]);
    expect(doc.machine.type).toBe("worker");
    expect(doc.machine.ca.key).toBe("");
    expect(doc.cluster.ca.key).toBe("");
    expect(doc.machine.ca.crt).toBe(parse(configs.controlplane).machine.ca.crt);
  });

  it("worker configs carry no CA key material at all", () => {
    for (const pem of [bundle.certs.os.key, bundle.certs.k8s.key, bundle.certs.etcd.key, bundle.certs.k8sAggregator.key, bundle.certs.k8sServiceAccount.key]) {
      expect(configs.worker).not.toContain(Buffer.from(pem).toString("base64"));
    }
    expect(configs.worker).not.toMatch(/PRIVATE KEY/);
  });

  it.each(["controlplane", "worker"] as const)("%s validates against the Talos schema (Ajv 2020) and the metal rules", (role) => {
    expect(schemaErrors(parse(configs[role]))).toEqual([]);
    expect(validateMachineConfig(configs[role])).toEqual({ ok: true, errors: [] });
  });

  it("talosconfig has one context with the os CA and an Ed25519 admin cert signed by it", () => {
    const doc = parse(configs.talosconfig);
    expect(doc.context).toBe("demo");
    expect(Object.keys(doc.contexts.demo)).toEqual(["endpoints", "ca", "crt", "key"]);
    expect(doc.contexts.demo.endpoints).toEqual([]);
    expect(b64ToPem(doc.contexts.demo.ca)).toBe(bundle.certs.os.crt);
    const admin = new X509Certificate(b64ToPem(doc.contexts.demo.crt));
    const ca = new X509Certificate(bundle.certs.os.crt);
    expect(admin.subject).toBe("O=os:admin");
    expect(admin.issuer).toBe("O=talos");
    expect(admin.ca).toBe(false);
    expect(admin.checkIssued(ca)).toBe(true);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(new Date(admin.validTo).getTime() - new Date(admin.validFrom).getTime()).toBe(365 * 86_400_000);
    const key = keyObjectFromPem(b64ToPem(doc.contexts.demo.key));
    expect(key.asymmetricKeyType).toBe("ed25519");
    expect(publicKeyDer(key).equals(admin.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
    writeFileSync(path.join(tmp, "ca.crt"), bundle.certs.os.crt);
    writeFileSync(path.join(tmp, "admin.crt"), b64ToPem(doc.contexts.demo.crt));
    expect(execFileSync("openssl", ["verify", "-CAfile", path.join(tmp, "ca.crt"), path.join(tmp, "admin.crt")]).toString()).toContain("OK");
    const text = execFileSync("openssl", ["x509", "-noout", "-text", "-in", path.join(tmp, "admin.crt")]).toString();
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/Extended Key Usage: \s*TLS Web Client Authentication\n/);
    expect(text).toContain("Authority Key Identifier");
    expect(text).not.toContain("Subject Key Identifier");
    expect(text).not.toContain("Basic Constraints");
  });

  it("applies settings, cluster-wide, control-plane and worker patches in order", async () => {
    const patched = await generateClusterConfigs({
      bundle,
      input: sampleInput({ cniName: "none", allowSchedulingOnControlPlanes: true, additionalSans: ["k8s.example.com"], podSubnets: ["10.32.0.0/16"] }),
      patches: {
        configPatch: "machine:\n  certSANs: [extra.example.com]\n  sysctls:\n    vm.nr_hugepages: \"128\"\n",
        controlPlanePatch: "cluster:\n  apiServer:\n    extraArgs:\n      feature-gates: Foo=true\n",
        workerPatch: "machine:\n  nodeLabels:\n    role: worker\n",
      },
    });
    const cp = parse(patched.controlplane);
    const worker = parse(patched.worker);
    expect(cp.machine.certSANs).toEqual(["k8s.example.com", "extra.example.com"]);
    expect(cp.cluster.apiServer.certSANs).toEqual(["10.0.0.10", "k8s.example.com"]);
    expect(cp.cluster.network.cni).toEqual({ name: "none" });
    expect(cp.cluster.network.podSubnets).toEqual(["10.32.0.0/16"]);
    expect(cp.cluster.allowSchedulingOnControlPlanes).toBe(true);
    expect(cp.cluster.apiServer.extraArgs).toEqual({ "feature-gates": "Foo=true" });
    expect(cp.machine.nodeLabels.role).toBeUndefined();
    expect(worker.machine.nodeLabels).toEqual({ role: "worker" });
    expect(worker.machine.sysctls).toEqual({ "vm.nr_hugepages": "128" });
    expect(worker.cluster.allowSchedulingOnControlPlanes).toBeUndefined();
    expect(worker.cluster.network.cni).toEqual({ name: "none" });
    expect(validateGeneratedConfigs(patched)).toEqual({ ok: true, errors: [] });
  });

  it("refuses a patch with keys unknown to the Talos schema", async () => {
    await expect(
      generateClusterConfigs({ bundle, input: sampleInput(), patches: { ...noPatches, configPatch: "machine:\n  bogus: 1\n" } }),
    ).rejects.toThrow(/configPatch: machine: unknown key "bogus"/);
  });
});
