import { prisma } from "@/lib/db/client";
import type { Device, DeviceGroup, Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "./db";

// A device row as the devices capability uses it (the whole stored record), and with its group.
export type DeviceRow = Device;
export type DeviceGroupRow = DeviceGroup;
export type DeviceWithGroup = DeviceRow & { group: DeviceGroupRow | null };
// The writable fields of a device: what a use-case may set (validated by lib/schemas/device.ts first).
export type DeviceFields = Partial<Omit<Prisma.DeviceUncheckedCreateInput, "id" | "createdAt" | "updatedAt">>;

export const findDeviceWithGroup = ({ id, db = prisma }: { id: string; db?: Db }): Promise<DeviceWithGroup | null> =>
  db.device.findUnique({ where: { id }, include: { group: true } });

export const deviceExistsWithMac = async (mac: string): Promise<boolean> =>
  (await prisma.device.findUnique({ where: { mac }, select: { id: true } })) !== null;

export type DeviceHolder = { mac: string; hostname: string | null };
const notSelf = (exceptId: string | null) => (exceptId ? { NOT: { id: exceptId } } : {});

// The device an admin gave this hostname (a machine's own suggestion does not hold a name).
export const findHostnameHolder = ({ hostname, exceptId }: { hostname: string; exceptId: string | null }): Promise<DeviceHolder | null> =>
  prisma.device.findFirst({ where: { hostname, hostnameSuggested: false, ...notSelf(exceptId) }, select: { mac: true, hostname: true } });

export const findIpHolder = ({ ipAddress, exceptId }: { ipAddress: string; exceptId: string | null }): Promise<DeviceHolder | null> =>
  prisma.device.findFirst({ where: { ipAddress, ...notSelf(exceptId) }, select: { mac: true, hostname: true } });

export const insertDevice = ({ fields, tx }: { fields: DeviceFields & { mac: string }; tx: Tx }): Promise<DeviceRow> =>
  tx.device.create({ data: fields });

export const writeDevice = ({ id, fields, tx }: { id: string; fields: DeviceFields; tx: Tx }): Promise<DeviceRow> =>
  tx.device.update({ where: { id }, data: fields });

export const removeDevice = async ({ id, tx }: { id: string; tx: Tx }): Promise<void> => {
  await tx.device.delete({ where: { id } });
};

// Hostnames starting with a pattern's fixed prefix, read in the rule's transaction.
export const listHostnamesWithPrefix = async ({ prefix, tx }: { prefix: string; tx: Tx }): Promise<string[]> =>
  (await tx.device.findMany({ where: { hostname: { startsWith: prefix } }, select: { hostname: true } })).flatMap((row) => (row.hostname ? [row.hostname] : []));

// Every static IP held by a device, read in the rule's transaction.
export const listAssignedIps = async (tx: Tx): Promise<string[]> =>
  (await tx.device.findMany({ where: { ipAddress: { not: null } }, select: { ipAddress: true } })).flatMap((row) => (row.ipAddress ? [row.ipAddress] : []));

export type PendingRuleSubject = {
  id: string; mac: string; hostname: string | null; uuid: string | null; serial: string | null; arch: string | null;
  firstSeenAt: Date; lastSourceIp: string | null; identityStatus: string | null;
};

// The oldest pending devices (up to `take`), with what a rule's criteria and gate look at.
export const listPendingRuleSubjects = (take: number): Promise<PendingRuleSubject[]> =>
  prisma.device.findMany({
    where: { status: "pending" },
    orderBy: { firstSeenAt: "asc" },
    take,
    select: { id: true, mac: true, hostname: true, uuid: true, serial: true, arch: true, firstSeenAt: true, lastSourceIp: true, identityStatus: true },
  });
