import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { GET as previewRoute } from "@/app/api/v1/groups/[id]/preview/route";
import { DELETE as deleteGroupRoute, PUT as putGroup } from "@/app/api/v1/groups/[id]/route";
import { GET as listGroupsRoute, POST as postGroup } from "@/app/api/v1/groups/route";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";
import { generateClusterConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";
import { buildDeviceConfig } from "@/lib/services/cluster";
import { getDeviceOrThrow } from "@/lib/services/devices";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams, seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { clusterListColumns } from "@/tests/helpers/cluster-row";

let token: string;
const api = (path: string, method = "GET", body?: unknown) =>
  new Request(`http://ktizo.test${path}`, { method, headers: adminHeaders(token), body: body === undefined ? undefined : JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

// Cluster-wide patch: two sysctls and a hostname that the group and the device override in turn.
const clusterPatch = "machine:\n  sysctls:\n    kernel.a: \"cluster\"\n    kernel.b: \"cluster\"\n";
const groupPatch = "machine:\n  sysctls:\n    kernel.b: \"group\"\n    kernel.c: \"group\"\n  install:\n    disk: /dev/vdb\n  network:\n    hostname: from-group\n";

type Machine = { machine: { sysctls: Record<string, string>; install: { disk: string }; network: { hostname?: string } } };

beforeAll(async () => {
  token = await createAdminToken();
  await seedNetworkSettings();
  const bundle = await generateSecretsBundle();
  const input = {
    clusterName: "lab",
    endpoint: "https://10.42.0.10:6443",
    kubernetesVersion: talosDefaults.kubernetesVersion,
    installDisk: talosDefaults.installDisk,
    installImage: talosDefaults.installImage,
    podSubnets: [...talosDefaults.podSubnets],
    serviceSubnets: [...talosDefaults.serviceSubnets],
    cniName: "flannel" as const,
    cniUrls: [],
    dnsDomain: talosDefaults.dnsDomain,
    additionalSans: [],
    allowSchedulingOnControlPlanes: false,
  };
  const configs = await generateClusterConfigs({ input, patches: { configPatch: clusterPatch, controlPlanePatch: "", workerPatch: "" }, bundle });
  await prisma.clusterSettings.create({
    data: {
      name: "lab",
      endpoint: input.endpoint,
      ...clusterListColumns,
      generatedAt: new Date(),
      configPatch: clusterPatch,
      controlPlaneConfigEnc: await encryptSecret("cluster.controlplane", configs.controlplane),
      workerConfigEnc: await encryptSecret("cluster.worker", configs.worker),
    },
  });
});

beforeEach(async () => {
  await prisma.device.deleteMany();
  await prisma.approvalRule.deleteMany();
  await prisma.deviceGroup.deleteMany();
});

const createGroup = async (body: Record<string, unknown>) => {
  const response = await postGroup(api("/api/v1/groups", "POST", body), noParams);
  expect(response.status, await response.clone().text()).toBe(201);

  return (await response.json()) as { id: string; configPatch: string };
};

describe("groups API", () => {
  it("creates, lists, updates and deletes; PUT keeps absent fields", async () => {
    const group = await createGroup({ name: "rack-a", role: "worker", hostnamePattern: "rack-a-{n}", configPatch: groupPatch });
    const updated = await putGroup(api(`/api/v1/groups/${group.id}`, "PUT", { installDisk: "/dev/nvme0n1" }), params(group.id));
    expect(await updated.json()).toMatchObject({ role: "worker", installDisk: "/dev/nvme0n1", configPatch: groupPatch, deviceCount: 0 });
    const list = (await (await listGroupsRoute(api("/api/v1/groups"), noParams)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    expect((await deleteGroupRoute(api(`/api/v1/groups/${group.id}`, "DELETE"), params(group.id))).status).toBe(204);
    expect(await prisma.deviceGroup.count()).toBe(0);
  });

  it.each([
    ["an unknown Talos key", { name: "g", configPatch: "machine:\n  notAKey: 1\n" }],
    ["a wrongly typed value", { name: "g", configPatch: "machine:\n  sysctls: [1, 2]\n" }],
    ["broken YAML", { name: "g", configPatch: "machine: [\n" }],
    ["a JSON patch", { name: "g", configPatch: "- op: add\n  path: /machine/x\n  value: 1\n" }],
    ["a bad hostname pattern", { name: "g", hostnamePattern: "a b{n}" }],
    ["a bad install disk", { name: "g", installDisk: "sda; rm -rf /" }],
    ["a bad role", { name: "g", role: "master" }],
  ])("refuses %s with 422 and stores nothing", async (_name, body) => {
    const response = await postGroup(api("/api/v1/groups", "POST", body), noParams);
    expect(response.status).toBe(422);
    expect(await prisma.deviceGroup.count()).toBe(0);
  });

  it("refuses a duplicate name (409) and deleting a group a rule assigns (409)", async () => {
    const group = await createGroup({ name: "rack-a" });
    expect((await postGroup(api("/api/v1/groups", "POST", { name: "rack-a" }), noParams)).status).toBe(409);
    await prisma.approvalRule.create({ data: { name: "r", macPattern: "*", role: "worker", groupId: group.id } });
    expect((await deleteGroupRoute(api(`/api/v1/groups/${group.id}`, "DELETE"), params(group.id))).status).toBe(409);
    expect(await prisma.deviceGroup.count()).toBe(1);
  });
});

describe("group config merge", () => {
  it("role base ← cluster patch ← group patch ← device settings, and the result validates against the Talos schema", async () => {
    const group = await createGroup({ name: "rack-a", configPatch: groupPatch });
    const device = await prisma.device.create({
      data: { mac: "52:54:00:00:10:01", hostname: "node-1", ipAddress: "10.42.0.61", role: "worker", status: "approved", groupId: group.id },
    });
    const yaml = await buildDeviceConfig(await getDeviceOrThrow(device.id));
    const doc = parseYaml(yaml.split(/^---$/m)[0]!) as Machine;
    expect(doc.machine.sysctls).toEqual({ "kernel.a": "cluster", "kernel.b": "group", "kernel.c": "group" });
    expect(doc.machine.install.disk).toBe("/dev/vdb");
    expect(doc.machine.network.hostname).toBe("node-1");
    expect(validateMachineConfig(yaml)).toEqual({ ok: true, errors: [] });

    await prisma.device.update({ where: { id: device.id }, data: { installDisk: "/dev/nvme0n1" } });
    const withDisk = parseYaml((await buildDeviceConfig(await getDeviceOrThrow(device.id))).split(/^---$/m)[0]!) as Machine;
    expect(withDisk.machine.install.disk).toBe("/dev/nvme0n1");
  });

  it("the preview route answers the merged config redacted, with its validation", async () => {
    const group = await createGroup({ name: "rack-b", configPatch: groupPatch, hostnamePattern: "rack-b-{n}" });
    for (const role of ["worker", "controlplane"]) {
      const response = await previewRoute(api(`/api/v1/groups/${group.id}/preview?role=${role}`), params(group.id));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { yaml: string; validation: { ok: boolean; errors: string[] } };
      expect(body.validation).toEqual({ ok: true, errors: [] });
      expect(body.yaml).toContain("kernel.c: group");
      expect(body.yaml).toContain("***");
      // Certificates are public; no private key may appear, plain or base64-encoded.
      const decoded = (body.yaml.match(/[A-Za-z0-9+/=]{40,}/g) ?? []).map((blob) => Buffer.from(blob, "base64").toString("latin1"));
      expect([body.yaml, ...decoded].filter((text) => text.includes("PRIVATE KEY"))).toEqual([]);
      // The device layer (here the group's own pattern) beats the group patch's hostname.
      expect(body.yaml).toContain("hostname: rack-b-1");
    }
    expect((await previewRoute(api(`/api/v1/groups/${group.id}/preview?role=boss`), params(group.id))).status).toBe(422);
    expect((await previewRoute(api(`/api/v1/groups/nope/preview`), params("nope"))).status).toBe(404);
  });
});
