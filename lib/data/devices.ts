import { prisma } from "@/lib/db/client";
import type { Db } from "./db";
import type { DeviceRow } from "./device-rows";
import { dateOf } from "./hot-statements";
import { nowStatement, type NowTx } from "./write-now";

export type DeviceCounts = { pending: number; approved: number; rejected: number; provisioned: number; total: number };

// Read models for the Devices, Device detail and Overview pages.
export const countDevices = async (): Promise<DeviceCounts> => {
  const [byStatus, provisioned] = await Promise.all([countDevicesByStatus(), prisma.device.count({ where: { provisionedAt: { not: null } } })]);

  return { ...byStatus, provisioned };
};

export type StatusCounts = { pending: number; approved: number; rejected: number; total: number };

// Devices per status; total counts every row.
export const countDevicesByStatus = async (): Promise<StatusCounts> => {
  const groups = await prisma.device.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (status: string) => groups.find((row) => row.status === status)?._count._all ?? 0;

  return { pending: count("pending"), approved: count("approved"), rejected: count("rejected"), total: groups.reduce((sum, row) => sum + row._count._all, 0) };
};

// The addresses held by approved control-plane devices (those with an address at all), in text order.
export const listControlPlaneIps = async (): Promise<string[]> => {
  const rows = await prisma.device.findMany({
    where: { status: "approved", role: "controlplane", ipAddress: { not: null } },
    select: { ipAddress: true },
    orderBy: { ipAddress: "asc" },
  });

  return rows.map((row) => row.ipAddress).filter((ip): ip is string => ip !== null);
};

export type DeviceRowWithGroup = { device: DeviceRow; groupName: string | null };

export const findDeviceWithGroupName = async (id: string): Promise<DeviceRowWithGroup | null> => {
  const row = await prisma.device.findUnique({ where: { id }, include: { group: { select: { name: true } } } });
  if (!row) return null;
  const { group, ...device } = row;

  return { device, groupName: group?.name ?? null };
};

export type ReservedDevice = { mac: string; ipAddress: string | null; hostname: string | null; status: string };

// Approved devices with a static IP: each has a dnsmasq reservation file in hosts.d.
export const listReservedDevices = (): Promise<ReservedDevice[]> =>
  prisma.device.findMany({
    where: { status: "approved", ipAddress: { not: null } },
    select: { mac: true, ipAddress: true, hostname: true, status: true },
  });

export type DeviceSummary = { id: string; mac: string; hostname: string | null; ipAddress: string | null; status: string; role: string | null };

// The device fields a webhook payload carries.
export const findDeviceSummary = ({ id, db = prisma }: { id: string; db?: Db }): Promise<DeviceSummary | null> =>
  db.device.findUnique({ where: { id }, select: { id: true, mac: true, hostname: true, ipAddress: true, status: true, role: true } });

// Both reads inside a synchronous write transaction (write-now.ts).
export const findDeviceSummaryNow = ({ id, tx }: { id: string; tx: NowTx }): DeviceSummary | null =>
  (nowStatement(tx, `SELECT id, mac, hostname, ipAddress, status, role FROM "Device" WHERE id = ?`).get(id) as DeviceSummary | undefined) ?? null;

export const findApprovalTimesNow = ({ id, tx }: { id: string; tx: NowTx }): { firstSeenAt: Date; approvedAt: Date | null } | null => {
  const row = nowStatement(tx, `SELECT firstSeenAt, approvedAt FROM "Device" WHERE id = ?`).get(id) as { firstSeenAt: unknown; approvedAt: unknown } | undefined;

  return row ? { firstSeenAt: dateOf(row.firstSeenAt)!, approvedAt: dateOf(row.approvedAt) } : null;
};

export const findApprovalTimes = ({ id, db = prisma }: { id: string; db?: Db }): Promise<{ firstSeenAt: Date; approvedAt: Date | null } | null> =>
  db.device.findUnique({ where: { id }, select: { firstSeenAt: true, approvedAt: true } });

export type StaticIpDevice = { mac: string; hostname: string | null; ipAddress: string };

// Every device holding a static IP, whatever its status. `db`: the caller's transaction when there is
// one (SQLite has one writer; reading beside it would wait).
export const listStaticIpDevices = async (db: Db = prisma): Promise<StaticIpDevice[]> => {
  const rows = await db.device.findMany({ where: { ipAddress: { not: null } }, select: { mac: true, hostname: true, ipAddress: true } });

  return rows.flatMap((row) => (row.ipAddress ? [{ mac: row.mac, hostname: row.hostname, ipAddress: row.ipAddress }] : []));
};
