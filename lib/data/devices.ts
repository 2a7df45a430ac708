import "server-only";
import { endpointWarning } from "@/lib/domain/boot/endpoint-warning";
import { subnetOf } from "@/lib/domain/boot/ipv4";
import { prisma } from "@/lib/db/client";
import type { DeviceJson } from "@/lib/schemas/device";
import { deviceJson } from "@/lib/services/devices";

export type DeviceCounts = { pending: number; approved: number; rejected: number; provisioned: number; total: number };

// Read models for the Devices, Device detail and Overview pages.
export const getDeviceCounts = async (): Promise<DeviceCounts> => {
  const [byStatus, provisioned] = await Promise.all([
    prisma.device.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.device.count({ where: { provisionedAt: { not: null } } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const pending = count("pending");
  const approved = count("approved");
  const rejected = count("rejected");

  return { pending, approved, rejected, provisioned, total: pending + approved + rejected };
};

// The warning of issue 4: the cluster endpoint is an IP in our subnet that no approved control
// plane holds (null when there is nothing to warn about).
export const getEndpointWarning = async (): Promise<string | null> => {
  const [cluster, network, controlPlanes] = await Promise.all([
    prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { endpoint: true } }),
    prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { serverIp: true, netmask: true } }),
    prisma.device.findMany({
      where: { status: "approved", role: "controlplane", ipAddress: { not: null } },
      select: { ipAddress: true },
    }),
  ]);
  const subnet = network ? subnetOf({ ip: network.serverIp, netmask: network.netmask }) : null;

  return endpointWarning({
    endpoint: cluster?.endpoint ?? null,
    subnet,
    controlPlaneIps: controlPlanes.map((device) => device.ipAddress).filter((ip): ip is string => ip !== null),
  });
};

export type DeviceDetail = DeviceJson & { groupName: string | null };

export const getDeviceDetail = async (id: string): Promise<DeviceDetail | null> => {
  const device = await prisma.device.findUnique({ where: { id }, include: { group: { select: { name: true } } } });

  return device ? { ...deviceJson(device), groupName: device.group?.name ?? null } : null;
};

export const listDeviceGroups = (): Promise<{ id: string; name: string }[]> =>
  prisma.deviceGroup.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
