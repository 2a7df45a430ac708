import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as bootScript } from "@/app/api/v1/boot/ipxe/route";
import { PUT as putCluster } from "@/app/api/v1/cluster/settings/[id]/route";
import { POST as approve } from "@/app/api/v1/devices/[id]/approve/route";
import { GET as previewConfig } from "@/app/api/v1/devices/[id]/config/route";
import { PUT as putDevice } from "@/app/api/v1/devices/[id]/route";
import { POST as createDevice } from "@/app/api/v1/devices/route";
import { POST as apply } from "@/app/api/v1/network/settings/apply/route";
import { PUT as putNetwork } from "@/app/api/v1/network/settings/[id]/route";
import { POST as createNetwork } from "@/app/api/v1/network/settings/route";
import { prisma } from "@/lib/db/client";
import { paths } from "@/lib/paths";
import { injectionPayload, injectionPayloads } from "@/tests/hardening/arbitraries";
import { realRuns } from "@/tests/hardening/state";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { noParams } from "@/tests/helpers/boot-fixtures";
import { jsonRequest, segment } from "@/tests/helpers/requests";
import { seedGeneratedCluster } from "@/tests/helpers/seed-cluster-config";

// Every admin field that reaches dnsmasq.conf, a hosts.d reservation, an iPXE script or Talos YAML:
// a newline, comma, quote or `${...}` placed anywhere in a valid value is refused with a 4xx, the
// stored row stays as it was, and everything rendered afterwards is byte-identical.
const network = {
  interface: "eth0",
  serverIp: "10.33.0.2",
  httpBaseUrl: "http://10.33.0.2:3100",
  dhcpRangeStart: "10.33.0.100",
  dhcpRangeEnd: "10.33.0.199",
  netmask: "255.255.255.0",
  gateway: "10.33.0.1",
  domain: "lab.example",
  leaseTime: "12h",
  arm64Binary: "snponly.efi",
  factorySchematic: "ab".repeat(32),
  extraKernelArgs: "net.ifnames=0",
};
const networkLists = { dnsServers: "1.1.1.1" };
const device = { hostname: "node-1", ipAddress: "10.33.0.21", installDisk: "/dev/sda" };
const cluster = {
  name: "lab",
  endpoint: "https://10.33.0.10:6443",
  talosVersion: "v1.11.6",
  kubernetesVersion: "1.34.1",
  installDisk: "/dev/sda",
  installImage: "ghcr.io/siderolabs/installer:v1.11.6",
  dnsDomain: "cluster.local",
};
const clusterLists = { podSubnets: "10.244.0.0/16", serviceSubnets: "10.96.0.0/12", additionalSans: "api.lab.example" };

type Target = "network" | "device-put" | "device-approve" | "device-create" | "cluster";
const fields: [Target, string, string, boolean][] = [
  ...Object.entries(network).map(([field, value]) => ["network", field, value, false] as [Target, string, string, boolean]),
  ...Object.entries(networkLists).map(([field, value]) => ["network", field, value, true] as [Target, string, string, boolean]),
  ...(["device-put", "device-approve", "device-create"] as const).flatMap((target) =>
    Object.entries(device).map(([field, value]) => [target, field, value, false] as [Target, string, string, boolean]),
  ),
  ...Object.entries(cluster).map(([field, value]) => ["cluster", field, value, false] as [Target, string, string, boolean]),
  ...Object.entries(clusterLists).map(([field, value]) => ["cluster", field, value, true] as [Target, string, string, boolean]),
];

let token = "";
let networkId = "";
let clusterId = "";
let approvedId = "";
let pendingId = "";
const approvedMac = "52:54:00:bb:00:01";

const admin = (url: string, body: unknown, method = "POST") => jsonRequest(url, body, { method, headers: adminHeaders(token) });

// Everything ktizo renders from these rows, re-rendered from the database.
const renderAll = async () => {
  expect((await apply(admin("/api/v1/network/settings/apply", {}), segment())).status).toBe(200);
  const hosts = await readdir(paths().hostsDir).catch(() => []);
  const reservations = await Promise.all(hosts.sort().map(async (name) => `${name}:${await readFile(path.join(paths().hostsDir, name), "utf8")}`));
  const script = await (await bootScript(new Request(`http://ktizo.test/api/v1/boot/ipxe?mac=${approvedMac}`), noParams)).text();
  const preview = await (await previewConfig(new Request(`http://ktizo.test/api/v1/devices/${approvedId}/config`, { headers: adminHeaders(token) }), segment({ id: approvedId }))).json();

  return {
    dnsmasq: await readFile(paths().dnsmasqConf, "utf8"),
    reservations,
    // Each Talos script carries a fresh one-use token; everything else must be identical.
    script: script.replace(/token=[A-Za-z0-9_-]+/g, "token=T"),
    yaml: (preview as { yaml: string }).yaml,
  };
};

const rows = async () => ({
  network: await prisma.networkSettings.findMany(),
  cluster: await prisma.clusterSettings.findMany(),
  devices: await prisma.device.findMany({ orderBy: { mac: "asc" } }),
});

beforeAll(async () => {
  token = await createAdminToken();
  const created = await createNetwork(admin("/api/v1/network/settings", { ...network, dnsServers: ["1.1.1.1"] }), segment());
  expect(created.status).toBe(201);
  networkId = ((await created.json()) as { id: string }).id;
  clusterId = (await seedGeneratedCluster({ endpoint: cluster.endpoint })).id;
  approvedId = (await prisma.device.create({ data: { mac: approvedMac, status: "approved", role: "worker", ...device } })).id;
  pendingId = (await prisma.device.create({ data: { mac: "52:54:00:bb:00:02" } })).id;
}, 90_000);

const send = (target: Target, field: string, value: unknown): Promise<Response> => {
  switch (target) {
    case "network":
      return putNetwork(admin(`/api/v1/network/settings/${networkId}`, { [field]: value }, "PUT"), segment({ id: networkId }));
    case "device-put":
      return putDevice(admin(`/api/v1/devices/${approvedId}`, { [field]: value }, "PUT"), segment({ id: approvedId }));
    case "device-approve":
      return approve(admin(`/api/v1/devices/${pendingId}/approve`, { role: "worker", [field]: value }), segment({ id: pendingId }));
    case "device-create":
      return createDevice(admin("/api/v1/devices", { mac: "52:54:00:bb:00:09", status: "approved", role: "worker", [field]: value }), segment());
    case "cluster":
      return putCluster(admin(`/api/v1/cluster/settings/${clusterId}`, { [field]: value }, "PUT"), segment({ id: clusterId }));
  }
};

describe("admin fields that reach rendered files", () => {
  it("refuse a newline, comma, quote or ${...} anywhere, change nothing, render identically", async () => {
    const rendered = await renderAll();
    const stored = await rows();
    const runs = realRuns(300);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), injectionPayload, fc.nat(), async ([target, field, valid, list], payload, at) => {
        // Kernel arguments are space-separated and may hold a comma (console=ttyS0,115200n8): it
        // never reaches dnsmasq, and a space only separates arguments: payloads made only of the
        // kernel-argument alphabet are not an injection there.
        fc.pre(!(field === "extraKernelArgs" && /^[A-Za-z0-9_.,:=/+@% -]+$/.test(payload)));
        runs.sent();
        const position = at % (valid.length + 1);
        const spoiled = `${valid.slice(0, position)}${payload}${valid.slice(position)}`;
        const response = await send(target, field, list ? [spoiled] : spoiled);
        const context = `${target} ${field}=${JSON.stringify(spoiled)}`;
        expect(response.status, `${context}: ${await response.clone().text()}`).toBeGreaterThanOrEqual(400);
        expect(response.status, context).toBeLessThan(500);
        expect(await rows(), context).toEqual(stored);
      }),
      // State carries over between runs, so shrinking would only blame an innocent later input.
      { ...runs.params, endOnFailure: true },
    );
    runs.expectAll();
    expect(await renderAll()).toEqual(rendered);
  }, 240_000);

  // The random walk above samples; this sweep tries every field with every payload at the start,
  // in the middle and at the end (where a trim could hide it).
  it("every field × every payload × start/middle/end is refused", async () => {
    const rendered = await renderAll();
    const stored = await rows();
    const accepted: string[] = [];
    for (const [target, field, valid, list] of fields) {
      for (const payload of injectionPayloads) {
        if (field === "extraKernelArgs" && /^[A-Za-z0-9_.,:=/+@% -]+$/.test(payload)) continue;
        for (const position of [0, Math.floor(valid.length / 2), valid.length]) {
          const spoiled = `${valid.slice(0, position)}${payload}${valid.slice(position)}`;
          const response = await send(target, field, list ? [spoiled] : spoiled);
          if (response.status < 400 || response.status >= 500) accepted.push(`${response.status} ${target} ${field}=${JSON.stringify(spoiled)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(await rows()).toEqual(stored);
    expect(await renderAll()).toEqual(rendered);
  }, 240_000);
});
