import { describe, expect, it } from "vitest";
import { applyPatchDocuments } from "@/lib/domain/talos/config-documents";
import { mergeObject } from "@/lib/domain/talos/strategic-merge";

type Case = [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];

// One row per rule of Talos's strategic merge (https://www.talos.dev/v1.11/talos-guides/configuration/patching/).
const cases: Case[] = [
  ["maps merge recursively", { machine: { install: { disk: "/dev/sda", wipe: false } } }, { machine: { install: { disk: "/dev/vda" } } }, { machine: { install: { disk: "/dev/vda", wipe: false } } }],
  ["map keys merge one by one", { machine: { nodeLabels: { a: "1", b: "2" } } }, { machine: { nodeLabels: { b: "3", c: "4" } } }, { machine: { nodeLabels: { a: "1", b: "3", c: "4" } } }],
  ["new keys are added", { machine: {} }, { machine: { sysctls: { "vm.x": "1" } } }, { machine: { sysctls: { "vm.x": "1" } } }],
  ["an empty string cannot clear a value", { machine: { install: { disk: "/dev/sda" } } }, { machine: { install: { disk: "" } } }, { machine: { install: { disk: "/dev/sda" } } }],
  ["zero cannot clear a number", { machine: { features: { kubePrism: { port: 7445 } } } }, { machine: { features: { kubePrism: { port: 0 } } } }, { machine: { features: { kubePrism: { port: 7445 } } } }],
  ["false overrides true (booleans are pointers)", { machine: { install: { wipe: true } } }, { machine: { install: { wipe: false } } }, { machine: { install: { wipe: false } } }],
  ["plain lists append", { machine: { certSANs: ["a"] } }, { machine: { certSANs: ["b"] } }, { machine: { certSANs: ["a", "b"] } }],
  ["nameservers append", { machine: { network: { nameservers: ["1.1.1.1"] } } }, { machine: { network: { nameservers: ["8.8.8.8"] } } }, { machine: { network: { nameservers: ["1.1.1.1", "8.8.8.8"] } } }],
  ["podSubnets are replaced", { cluster: { network: { podSubnets: ["10.244.0.0/16"] } } }, { cluster: { network: { podSubnets: ["10.32.0.0/12"] } } }, { cluster: { network: { podSubnets: ["10.32.0.0/12"] } } }],
  ["serviceSubnets are replaced", { cluster: { network: { serviceSubnets: ["10.96.0.0/12"] } } }, { cluster: { network: { serviceSubnets: ["10.64.0.0/16"] } } }, { cluster: { network: { serviceSubnets: ["10.64.0.0/16"] } } }],
  ["auditPolicy is replaced as a whole", { cluster: { apiServer: { auditPolicy: { kind: "Policy", rules: [{ level: "Metadata" }] } } } }, { cluster: { apiServer: { auditPolicy: { rules: [{ level: "None" }] } } } }, { cluster: { apiServer: { auditPolicy: { rules: [{ level: "None" }] } } } }],
  ["interfaces merge by interface name", { machine: { network: { interfaces: [{ interface: "eth0", addresses: ["10.0.0.2/24"] }, { interface: "eth1", dhcp: true }] } } }, { machine: { network: { interfaces: [{ interface: "eth0", addresses: ["10.0.0.3/24"], mtu: 9000 }] } } }, { machine: { network: { interfaces: [{ interface: "eth0", addresses: ["10.0.0.2/24", "10.0.0.3/24"], mtu: 9000 }, { interface: "eth1", dhcp: true }] } } }],
  ["interfaces merge by an identical deviceSelector", { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" }, dhcp: true }] } } }, { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" }, mtu: 1400 }] } } }, { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" }, dhcp: true, mtu: 1400 }] } } }],
  ["a different deviceSelector appends", { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" } }] } } }, { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc", driver: "virtio" } }] } } }, { machine: { network: { interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" } }, { deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc", driver: "virtio" } }] } } }],
  ["vlans merge by vlanId", { machine: { network: { interfaces: [{ interface: "eth0", vlans: [{ vlanId: 10, mtu: 1500 }, { vlanId: 20 }] }] } } }, { machine: { network: { interfaces: [{ interface: "eth0", vlans: [{ vlanId: 10, dhcp: true }, { vlanId: 30 }] }] } } }, { machine: { network: { interfaces: [{ interface: "eth0", vlans: [{ vlanId: 10, mtu: 1500, dhcp: true }, { vlanId: 20 }, { vlanId: 30 }] }] } } }],
  ["admissionControl merges by plugin name", { cluster: { apiServer: { admissionControl: [{ name: "PodSecurity", configuration: { defaults: { enforce: "baseline", audit: "restricted" } } }] } } }, { cluster: { apiServer: { admissionControl: [{ name: "PodSecurity", configuration: { defaults: { enforce: "privileged" } } }, { name: "Other" }] } } }, { cluster: { apiServer: { admissionControl: [{ name: "PodSecurity", configuration: { defaults: { enforce: "privileged", audit: "restricted" } } }, { name: "Other" }] } } }],
  ["$patch: delete on a key removes it", { machine: { install: { disk: "/dev/sda", wipe: false }, nodeLabels: { a: "1" } } }, { machine: { nodeLabels: { $patch: "delete" } } }, { machine: { install: { disk: "/dev/sda", wipe: false } } }],
  ["$patch: delete on a list element removes the matching one", { machine: { network: { interfaces: [{ interface: "eth0" }, { interface: "eth1" }] } } }, { machine: { network: { interfaces: [{ interface: "eth0", $patch: "delete" }] } } }, { machine: { network: { interfaces: [{ interface: "eth1" }] } } }],
  ["directives never reach added values", { machine: {} }, { machine: { network: { interfaces: [{ interface: "eth9", $patch: "delete" }, { interface: "eth1" }] } } }, { machine: { network: { interfaces: [{ interface: "eth1" }] } } }],
];

describe("mergeObject (Talos strategic merge)", () => {
  it.each(cases)("%s", (_name, base, patch, expected) => {
    expect(mergeObject(base, patch, "")).toEqual(expected);
  });

  it("does not mutate its inputs", () => {
    const base = { machine: { certSANs: ["a"] } };
    mergeObject(base, { machine: { certSANs: ["b"] } }, "");
    expect(base).toEqual({ machine: { certSANs: ["a"] } });
  });
});

describe("applyPatchDocuments", () => {
  const v1 = { version: "v1alpha1", machine: { type: "worker" } };
  const sink = { apiVersion: "v1alpha1", kind: "EventSinkConfig", endpoint: "10.0.0.1:1234" };

  it("treats a document with machine/cluster as v1alpha1 even without version", () => {
    expect(applyPatchDocuments([v1], [{ machine: { certSANs: ["x"] } }])).toEqual([{ ...v1, machine: { type: "worker", certSANs: ["x"] } }]);
  });

  it("appends unmatched documents and merges matched ones by apiVersion + kind (+ name)", () => {
    const once = applyPatchDocuments([v1], [sink]);
    expect(once).toEqual([v1, sink]);
    expect(applyPatchDocuments(once, [{ ...sink, endpoint: "10.0.0.2:1234" }])).toEqual([v1, { ...sink, endpoint: "10.0.0.2:1234" }]);
  });

  it("removes a whole document with $patch: delete", () => {
    expect(applyPatchDocuments([v1, sink], [{ apiVersion: "v1alpha1", kind: "EventSinkConfig", $patch: "delete" }])).toEqual([v1]);
  });
});
