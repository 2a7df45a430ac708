import { beforeAll, describe, expect, it } from "vitest";
import { parseConfigDocuments, type ConfigDocument } from "@/lib/domain/talos/config-documents";
import { generateClusterConfigs, type GeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { orderLikeTalos } from "@/lib/domain/talos/order-like-talos";
import { parseGroupPatch, renderDeviceConfig, renderDeviceConfigOn, type RenderDeviceConfigOptions } from "@/lib/domain/talos/render-device-config";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { emitYamlV3 } from "@/lib/domain/talos/yaml-v3-emitter";

// The config download renders on frozen, cached documents (lib/services/cluster/base-config-cache.ts),
// where ordering and emitting remember the lines of every frozen subtree. What it serves must be
// byte for byte what a fresh render of the same texts writes (the preview, the goldens, talosctl).
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }

  return value;
};

let base: GeneratedConfigs;
let frozen: { controlplane: ConfigDocument[]; worker: ConfigDocument[] };
const network = { prefixLength: 24, gateway: "10.0.0.1", nameservers: ["10.0.0.1", "1.1.1.1"] };

beforeAll(async () => {
  base = await generateClusterConfigs({ input: sampleInput(), patches: { ...noPatches, configPatch: "machine:\n  network:\n    nameservers: [9.9.9.9]\n" }, bundle: await generateSecretsBundle() });
  frozen = deepFreeze({ controlplane: parseConfigDocuments(base.controlplane), worker: parseConfigDocuments(base.worker) });
});

const groupPatches: Record<string, string | null> = {
  none: null,
  labels: "machine:\n  install:\n    disk: /dev/sdb\n  nodeLabels:\n    rack: r1\n    zone: a\n",
  // Merges into the device's own interface (same deviceSelector) and deletes a base key.
  interface: "machine:\n  network:\n    interfaces:\n      - deviceSelector:\n          hardwareAddr: 52:54:00:aa:bb:01\n        mtu: 9000\n  kubelet:\n    $patch: delete\n",
  sysctls: "machine:\n  sysctls:\n    net.core.somaxconn: \"65535\"\ncluster:\n  proxy:\n    disabled: true\n",
  extraDocument: "machine:\n  nodeLabels:\n    tier: edge\n---\napiVersion: v1alpha1\nkind: EventSinkConfig\nendpoint: 192.168.10.3:3247\n",
};
const devices: RenderDeviceConfigOptions["device"][] = [
  { mac: "52:54:00:aa:bb:01", hostname: "node-01", ipAddress: "10.0.0.21", installDisk: "/dev/nvme0n1" },
  { mac: "52:54:00:AA:BB:02", hostname: "node-02" },
  { mac: "52:54:00:aa:bb:03", ipAddress: "10.0.0.23" },
  { mac: "52:54:00:aa:bb:04" },
  { mac: "52:54:00:aa:bb:01", hostname: "node-01b", ipAddress: "10.0.0.31" },
];
const table = (["controlplane", "worker"] as const).flatMap((role) =>
  Object.keys(groupPatches).flatMap((group) => devices.map((device, index) => ({ role, group, index, device }))),
);

describe("rendering on frozen cached documents", () => {
  it.each(table)("$role, group $group, device $index: byte-identical to a fresh render, cold and warm", ({ role, group, device }) => {
    const groupPatch = groupPatches[group] ?? null;
    const fresh = renderDeviceConfig({ baseConfig: base[role], groupPatch, device, network });
    const cachedGroup = deepFreeze(parseGroupPatch(groupPatch));
    const cold = renderDeviceConfigOn({ baseDocuments: frozen[role], groupPatch: cachedGroup, device, network });
    const warm = renderDeviceConfigOn({ baseDocuments: frozen[role], groupPatch: cachedGroup, device, network });
    expect(cold).toBe(fresh);
    expect(warm).toBe(fresh);
  });

  it("remembers the ordered form of a frozen document, and orders anything else afresh", () => {
    const [doc] = frozen.worker;
    const ordered = orderLikeTalos(doc!);
    expect(orderLikeTalos(doc!)).toBe(ordered);
    expect(Object.isFrozen(ordered)).toBe(true);
    const [open] = parseConfigDocuments(base.worker);
    expect(orderLikeTalos(open!)).not.toBe(orderLikeTalos(open!));
    expect(emitYamlV3(orderLikeTalos(open!))).toBe(emitYamlV3(ordered));
  });

  it("emits a frozen value and an equal unfrozen one identically, at every indent", () => {
    const value = { b: [{ x: 1, y: ["p", "q"] }, "s"], a: { deep: { list: [[1, 2], { k: "multi\nline\n" }] } } };
    const plain = emitYamlV3(structuredClone(value));
    const frozenValue = deepFreeze(structuredClone(value));
    expect(emitYamlV3(frozenValue)).toBe(plain);
    expect(emitYamlV3({ wrap: frozenValue, list: [frozenValue] })).toBe(emitYamlV3({ wrap: structuredClone(value), list: [structuredClone(value)] }));
    expect(emitYamlV3(frozenValue)).toBe(plain);
  });
});
