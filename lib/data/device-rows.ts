import { prisma } from "@/lib/db/client";
import type { Device, DeviceGroup, Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalProof } from "@/lib/domain/oauth/approval-proof";
import { optionalApprovalProofColumn, optionalApprovalProofOf } from "./columns";
import type { Db, Tx } from "./db";

// A device row as the devices capability uses it (the whole stored record), and with its group.
// Rows as Prisma reads them (the boot path shares these types): approvalProof in Prisma's enum names
// (console_code); deviceApprovalProof gives the domain spelling, writes take the domain spelling.
export type DeviceRow = Device;
export type DeviceGroupRow = DeviceGroup;
export type DeviceWithGroup = DeviceRow & { group: DeviceGroupRow | null };
// The writable fields of a device: what a use-case may set (validated by lib/schemas/device.ts first).
export type DeviceFields = Partial<Omit<Prisma.DeviceUncheckedCreateInput, "id" | "createdAt" | "updatedAt" | "approvalProof">> & { approvalProof?: ApprovalProof | null };

export const deviceApprovalProof = (row: Pick<DeviceRow, "approvalProof">): ApprovalProof | null => optionalApprovalProofOf(row.approvalProof);
const columnsOf = ({ approvalProof, ...fields }: DeviceFields) => ({ ...fields, ...(approvalProof === undefined ? {} : { approvalProof: optionalApprovalProofColumn(approvalProof) }) });

export const findDeviceWithGroup = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<DeviceWithGroup | null> => {
  return db.device.findUnique({ where: { id }, include: { group: true } });
};

export const deviceExistsWithMac = async (mac: string): Promise<boolean> =>
  (await prisma.device.findUnique({ where: { mac }, select: { id: true } })) !== null;

export type DeviceHolder = { mac: string; hostname: string | null };
const notSelf = (exceptId: string | null) => (exceptId ? { NOT: { id: exceptId } } : {});

// The device an admin gave this hostname (a machine's own suggestion does not hold a name).
export const findHostnameHolder = ({ hostname, exceptId }: { hostname: string; exceptId: string | null }): Promise<DeviceHolder | null> =>
  prisma.device.findFirst({ where: { hostname, hostnameSuggested: false, ...notSelf(exceptId) }, select: { mac: true, hostname: true } });

export const findIpHolder = ({ ipAddress, exceptId }: { ipAddress: string; exceptId: string | null }): Promise<DeviceHolder | null> =>
  prisma.device.findFirst({ where: { ipAddress, ...notSelf(exceptId) }, select: { mac: true, hostname: true } });

export const insertDevice = async ({ fields, tx }: { fields: DeviceFields & { mac: string }; tx: Tx }): Promise<DeviceRow> =>
  tx.device.create({ data: { ...columnsOf(fields), mac: fields.mac } });

export const writeDevice = async ({ id, fields, tx }: { id: string; fields: DeviceFields; tx: Tx }): Promise<DeviceRow> =>
  tx.device.update({ where: { id }, data: columnsOf(fields) });

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
