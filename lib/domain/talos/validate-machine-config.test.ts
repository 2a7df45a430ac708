import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { generateClusterConfigs, type GeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { redactConfig } from "@/lib/domain/talos/redact-config";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";

let base: GeneratedConfigs;
beforeAll(async () => {
  base = await generateClusterConfigs({ input: sampleInput(), patches: noPatches, bundle: await generateSecretsBundle() });
});

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const mutate = (role: "controlplane" | "worker", change: (doc: Doc) => void): string => {
  const doc = parse(base[role]) as Doc;
  change(doc);

  return stringify(doc);
};

describe("validateMachineConfig", () => {
  it.each([
    ["persist: false", "controlplane", (d: Doc) => { d.persist = false; }, /persist: must not be false/],
    ["no install section", "worker", (d: Doc) => { delete d.machine.install; }, /machine.install: required in metal mode/],
    ["no install disk", "worker", (d: Doc) => { delete d.machine.install.disk; }, /disk or diskSelector required/],
    ["control plane without os CA key", "controlplane", (d: Doc) => { d.machine.ca.key = ""; }, /machine.ca.key: required/],
    ["worker with the os CA key", "worker", (d: Doc) => { d.machine.ca.key = "a2V5"; }, /must not carry the os CA key/],
    ["worker with an etcd section", "worker", (d: Doc) => { d.cluster.etcd = {}; }, /cluster.etcd: not allowed on a worker/],
    ["endpoint without https", "worker", (d: Doc) => { d.cluster.controlPlane.endpoint = "http://10.0.0.1:6443"; }, /endpoint/],
    ["bad DNS domain", "worker", (d: Doc) => { d.cluster.network.dnsDomain = "bad_domain!"; }, /dnsDomain/],
    ["interface with name and selector", "worker", (d: Doc) => { d.machine.network = { interfaces: [{ interface: "eth0", deviceSelector: { driver: "e1000" } }] }; }, /exactly one of interface and deviceSelector/],
    ["empty deviceSelector", "worker", (d: Doc) => { d.machine.network = { interfaces: [{ deviceSelector: {} }] }; }, /deviceSelector: must not be empty/],
    ["bad address", "worker", (d: Doc) => { d.machine.network = { interfaces: [{ interface: "eth0", addresses: ["10.0.0.1/40"] }] }; }, /addresses\[0\]/],
    ["route without network or gateway", "worker", (d: Doc) => { d.machine.network = { interfaces: [{ interface: "eth0", routes: [{ metric: 1 }] }] }; }, /network or gateway required/],
    ["VIP on a worker", "worker", (d: Doc) => { d.machine.network = { interfaces: [{ interface: "eth0", vip: { ip: "10.0.0.5" } }] }; }, /only allowed on control planes/],
    ["kubelet tag out of range", "worker", (d: Doc) => { d.machine.kubelet.image = "ghcr.io/siderolabs/kubelet:v1.35.0"; }, /kubelet.image: tag must be/],
    ["apiserver without a version tag", "controlplane", (d: Doc) => { d.cluster.apiServer.image = "registry.k8s.io/kube-apiserver:latest"; }, /apiServer.image/],
    ["unknown key (schema)", "worker", (d: Doc) => { d.machine.unknownThing = 1; }, /unknown key "unknownThing"/],
    ["wrong type (schema)", "worker", (d: Doc) => { d.machine.install.wipe = "yes"; }, /install.wipe: must be boolean/],
    ["flannel with URLs", "controlplane", (d: Doc) => { d.cluster.network.cni = { name: "flannel", urls: ["https://x/y.yaml"] }; }, /not allowed with flannel/],
  ] as const)("rejects %s", (_name, role, change, message) => {
    const result = validateMachineConfig(mutate(role, change));
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toMatch(message);
  });

  it("rejects empty input and broken YAML", () => {
    expect(validateMachineConfig("").errors).toEqual(["config not found (empty input)"]);
    expect(validateMachineConfig("machine: [").ok).toBe(false);
  });

  it("accepts the top-level persist key the official schema lacks", () => {
    expect(validateMachineConfig(base.worker)).toEqual({ ok: true, errors: [] });
  });
});

describe("redactConfig", () => {
  it("replaces every key, secret and token value with *** and keeps certificates", () => {
    const redacted = parse(redactConfig(base.controlplane));
    expect(redacted.machine.token).toBe("***");
    expect(redacted.machine.ca.key).toBe("***");
    expect(redacted.machine.ca.crt).toMatch(/^LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t/);
    expect(redacted.cluster.secret).toBe("***");
    expect(redacted.cluster.token).toBe("***");
    expect(redacted.cluster.secretboxEncryptionSecret).toBe("***");
    expect(redacted.cluster.serviceAccount.key).toBe("***");
    expect(redacted.cluster.aggregatorCA.key).toBe("***");
    expect(redacted.cluster.etcd.ca.key).toBe("***");
    expect(redactConfig(base.controlplane)).not.toMatch(/LS0tLS1CRUdJTiBFQyBQUklWQVRF|LS0tLS1CRUdJTiBSU0|LS0tLS1CRUdJTiBFRDI1NTE5IFBSSVZBVEU/);
  });

  it("keeps the worker's empty CA keys visible as empty", () => {
    expect(parse(redactConfig(base.worker)).machine.ca.key).toBe("");
  });

  it("still redacts text that does not parse", () => {
    expect(redactConfig("machine:\n  token: abc.def\n  ca: [\n")).toBe("machine:\n  token: ***\n  ca: [\n");
  });
});
