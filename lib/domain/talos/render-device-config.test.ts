import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaErrors } from "@/lib/domain/talos/config-schema";
import { generateClusterConfigs, type GeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { renderDeviceConfig } from "@/lib/domain/talos/render-device-config";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";

let base: GeneratedConfigs;
const network = { prefixLength: 24, gateway: "10.0.0.1", nameservers: ["10.0.0.1", "1.1.1.1"] };

beforeAll(async () => {
  base = await generateClusterConfigs({ input: sampleInput(), patches: { ...noPatches, configPatch: "machine:\n  network:\n    nameservers: [9.9.9.9]\n" }, bundle: await generateSecretsBundle() });
});

describe("renderDeviceConfig", () => {
  it.each(["controlplane", "worker"] as const)("renders a %s with hostname, static IP, gateway, nameservers and disk", (role) => {
    const yaml = renderDeviceConfig({
      baseConfig: base[role],
      device: { mac: "52:54:00:AA:BB:CC", hostname: "node-01", ipAddress: "10.0.0.21", installDisk: "/dev/nvme0n1" },
      network,
    });
    const doc = parse(yaml);
    expect(doc.machine.network).toEqual({
      hostname: "node-01",
      // base (cluster patch) first, then the device's own: lists append
      nameservers: ["9.9.9.9", "10.0.0.1", "1.1.1.1"],
      interfaces: [{ deviceSelector: { hardwareAddr: "52:54:00:aa:bb:cc" }, addresses: ["10.0.0.21/24"], routes: [{ network: "0.0.0.0/0", gateway: "10.0.0.1" }] }],
    });
    expect(doc.machine.install.disk).toBe("/dev/nvme0n1");
    expect(schemaErrors(doc)).toEqual([]);
    expect(validateMachineConfig(yaml)).toEqual({ ok: true, errors: [] });
  });

  it("applies base <- group patch <- device settings", () => {
    const yaml = renderDeviceConfig({
      baseConfig: base.worker,
      groupPatch: "machine:\n  install:\n    disk: /dev/sdb\n  nodeLabels:\n    rack: r1\n",
      device: { mac: "52:54:00:aa:bb:cc", installDisk: "/dev/sdc" },
      network,
    });
    const doc = parse(yaml);
    expect(doc.machine.install.disk).toBe("/dev/sdc");
    expect(doc.machine.nodeLabels).toEqual({ rack: "r1" });
    expect(doc.machine.network).toEqual({ nameservers: ["9.9.9.9"] });
    expect(validateMachineConfig(yaml).ok).toBe(true);
  });

  it("leaves DHCP alone when the device has no static IP", () => {
    const doc = parse(renderDeviceConfig({ baseConfig: base.worker, device: { mac: "52:54:00:aa:bb:cc", hostname: "w1" }, network }));
    expect(doc.machine.network.interfaces).toBeUndefined();
    expect(doc.machine.network.hostname).toBe("w1");
  });

  it.each([
    ["bad MAC", { mac: "nope" }, /MAC/],
    ["bad IP", { mac: "52:54:00:aa:bb:cc", ipAddress: "10.0.0.300" }, /IP address/],
    ["hostname with a newline", { mac: "52:54:00:aa:bb:cc", hostname: "a\nmachine: {}" }, /hostname/],
    ["disk that is not a device path", { mac: "52:54:00:aa:bb:cc", installDisk: "sda" }, /device path/],
  ])("refuses a %s", (_name, device, message) => {
    expect(() => renderDeviceConfig({ baseConfig: base.worker, device, network })).toThrow(message);
  });

  it("refuses a group patch with unknown keys", () => {
    expect(() => renderDeviceConfig({ baseConfig: base.worker, groupPatch: "machine:\n  nope: 1\n", device: { mac: "52:54:00:aa:bb:cc" }, network })).toThrow(/unknown key "nope"/);
  });
});
