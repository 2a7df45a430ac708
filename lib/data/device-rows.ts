import { prisma } from "@/lib/db/client";
import type { Device, DeviceGroup, Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalProof } from "@/lib/domain/oauth/approval-proof";
import type { DeviceHolder } from "@/lib/domain/devices/assignment";
import { optionalApprovalProofColumn, optionalApprovalProofOf } from "./columns";
import type { Db, Tx } from "./db";
import { dateOf, flagOf } from "./hot-statements";
import { dateColumn, nowStatement, type NowTx } from "./write-now";

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

export type { DeviceHolder } from "@/lib/domain/devices/assignment";
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

// The same reads and the one write of a device inside a synchronous write transaction (write-now.ts):
// an approval of a rack's batch costs a fraction of a millisecond per device this way, where the
// ORM's calls cost milliseconds of query-compiler CPU each (docs/benchmarks.md, "Approvals and the
// Overview without the ORM"). Rows are mapped to exactly what the ORM reads (tests/integration/device-rows-now.test.ts).
const deviceDateColumns = ["firstSeenAt", "lastSeenAt", "approvedAt", "configDownloadedAt", "provisionedAt", "identityCheckedAt", "createdAt", "updatedAt"] as const;

// approvalProof is stored in the domain's spelling (console-code) and named by the ORM's client
// in its own (console_code, columns.ts); a raw row is turned into the ORM's.
const deviceRowOf = (raw: Record<string, unknown>): DeviceRow => {
  const approvalProof = raw.approvalProof === null ? null : optionalApprovalProofColumn(raw.approvalProof as ApprovalProof);
  const row = { ...raw, hostnameSuggested: flagOf(raw.hostnameSuggested), configDownloadCount: Number(raw.configDownloadCount), approvalProof } as Record<string, unknown>;
  for (const column of deviceDateColumns) row[column] = dateOf(raw[column]);

  return row as DeviceRow;
};

export const findDeviceRowNow = ({ id, tx }: { id: string; tx: NowTx }): DeviceRow | null => {
  const raw = nowStatement(tx, `SELECT * FROM "Device" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;

  return raw ? deviceRowOf(raw) : null;
};

export const findHostnameHolderNow = ({ hostname, exceptId, tx }: { hostname: string; exceptId: string | null; tx: NowTx }): DeviceHolder | null =>
  (nowStatement(tx, `SELECT mac, hostname FROM "Device" WHERE hostname = ? AND hostnameSuggested = 0 AND id IS NOT ? LIMIT 1`).get(hostname, exceptId) as DeviceHolder | undefined) ?? null;

export const findIpHolderNow = ({ ipAddress, exceptId, tx }: { ipAddress: string; exceptId: string | null; tx: NowTx }): DeviceHolder | null =>
  (nowStatement(tx, `SELECT mac, hostname FROM "Device" WHERE ipAddress = ? AND id IS NOT ? LIMIT 1`).get(ipAddress, exceptId) as DeviceHolder | undefined) ?? null;

// The writable columns by name: a field outside this list is a programming error, never SQL text.
const writableColumns = new Set<string>([
  "mac", "uuid", "serial", "arch", "hostname", "hostnameSuggested", "ipAddress", "role", "status", "groupId", "installDisk", "notes", "bootAction",
  "firstSeenAt", "lastSeenAt", "lastSourceIp", "approvedAt", "approvedBy", "configDownloadedAt", "configDownloadCount", "lastDownloadIp",
  "provisionedAt", "ruleId", "lastToldKey", "identityStatus", "identityReason", "identityCheckedAt", "approvalProof",
]);

const columnValueOf = (value: unknown): unknown => {
  if (value instanceof Date) return dateColumn(value);
  if (typeof value === "boolean") return value ? 1 : 0;

  return value ?? null;
};

// updatedAt moves with every write, as the ORM's @updatedAt does. Throws the driver's error on a
// unique index (hostname, ipAddress), as the ORM throws P2002 (lib/data/unique-violation.ts).
// Written as stored: approvalProof in the domain's spelling, which is the stored one.
export const writeDeviceNow = ({ id, fields, tx }: { id: string; fields: DeviceFields; tx: NowTx }): DeviceRow => {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  for (const [column] of entries) if (!writableColumns.has(column)) throw new Error(`Device.${column} is not a writable column`);
  const assignments = [...entries.map(([column]) => `"${column}" = ?`), `"updatedAt" = ?`].join(", ");
  const raw = nowStatement(tx, `UPDATE "Device" SET ${assignments} WHERE id = ? RETURNING *`).get(...entries.map(([, value]) => columnValueOf(value)), dateColumn(new Date()), id) as
    | Record<string, unknown>
    | undefined;
  if (!raw) throw new Error(`device ${id} vanished inside its own write transaction`);

  return deviceRowOf(raw);
};
