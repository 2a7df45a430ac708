import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getEndpointWarning } from "@/lib/services/cluster";
import { getDeviceCounts } from "@/lib/services/devices";
import { seedNetworkSettings } from "@/tests/helpers/boot-fixtures";
import { clusterListColumns } from "@/tests/helpers/cluster-row";

const setEndpoint = (endpoint: string) => prisma.clusterSettings.create({ data: { name: "lab", endpoint, ...clusterListColumns } });

beforeEach(async () => {
  await prisma.device.deleteMany();
  await prisma.clusterSettings.deleteMany();
  await prisma.networkSettings.deleteMany();
});

describe("Overview and Devices read models", () => {
  it("warns while no approved control plane holds the endpoint IP in our subnet", async () => {
    await seedNetworkSettings();
    await setEndpoint("https://10.42.0.10:6443");
    expect(await getEndpointWarning()).toMatch(/10\.42\.0\.10/);
    // Holding the IP as a worker, or as a pending control plane, is not enough.
    await prisma.device.create({ data: { mac: "52:54:00:05:00:01", status: "approved", role: "worker", ipAddress: "10.42.0.10" } });
    expect(await getEndpointWarning()).not.toBeNull();
    await prisma.device.update({ where: { mac: "52:54:00:05:00:01" }, data: { role: "controlplane" } });
    expect(await getEndpointWarning()).toBeNull();
  });

  it.each([
    ["a DNS name endpoint", "https://k8s.lab.example:6443"],
    ["an endpoint outside the subnet", "https://192.168.7.10:6443"],
  ])("stays quiet for %s", async (_name, endpoint) => {
    await seedNetworkSettings();
    await setEndpoint(endpoint);
    expect(await getEndpointWarning()).toBeNull();
  });

  it("stays quiet before the settings exist", async () => {
    expect(await getEndpointWarning()).toBeNull();
  });

  it("counts devices by status and provisioned", async () => {
    await prisma.device.createMany({
      data: [
        { mac: "52:54:00:05:00:02" },
        { mac: "52:54:00:05:00:03" },
        { mac: "52:54:00:05:00:04", status: "approved", role: "worker", provisionedAt: new Date() },
        { mac: "52:54:00:05:00:05", status: "rejected" },
      ],
    });
    expect(await getDeviceCounts()).toEqual({ pending: 2, approved: 1, rejected: 1, provisioned: 1, total: 4 });
  });
});
