import { prisma, type Tx } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";

// Device queries of the machine-facing hot path (issue 8 boot storm): raw statements, because an
// ORM call costs ~1-2 ms of query-compiler CPU per poll. Dates bound as Date are stored exactly as
// the ORM stores them (tests/integration/boot-hot-path.test.ts).

// The columns the boot decision, the Talos script and the "what was it told" check need.
export type BootDevice = Pick<
  Device,
  | "id"
  | "mac"
  | "arch"
  | "uuid"
  | "serial"
  | "status"
  | "bootAction"
  | "provisionedAt"
  | "role"
  | "lastToldKey"
  | "lastSourceIp"
  | "identityStatus"
  | "identityReason"
>;

type BootDeviceRow = Omit<BootDevice, "provisionedAt"> & { provisionedAt: Date | string | null };

const bootDeviceOf = (row: BootDeviceRow): BootDevice => ({
  ...row,
  provisionedAt: row.provisionedAt === null ? null : new Date(row.provisionedAt),
});

// A read, not a write: a poll of a device whose state did not change writes nothing here.
export const findBootDevice = async (mac: string): Promise<BootDevice | null> => {
  const rows = await prisma.$queryRaw<BootDeviceRow[]>`
    SELECT id, mac, arch, uuid, serial, status, bootAction, provisionedAt, role, lastToldKey, lastSourceIp,
           identityStatus, identityReason
    FROM "Device" WHERE mac = ${mac}`;

  return rows[0] ? bootDeviceOf(rows[0]) : null;
};

export type IdentityUpdate = { id: string; uuid?: string | null; serial?: string | null; arch?: string | null };

// Only the reported fields that changed are passed in; absent keys stay as they are.
export const updateDeviceIdentity = async ({ id, ...fields }: IdentityUpdate): Promise<void> => {
  const now = new Date();
  await prisma.$executeRaw`
    UPDATE "Device" SET updatedAt = ${now},
      uuid = CASE WHEN ${"uuid" in fields ? 1 : 0} = 1 THEN ${fields.uuid ?? null} ELSE uuid END,
      serial = CASE WHEN ${"serial" in fields ? 1 : 0} = 1 THEN ${fields.serial ?? null} ELSE serial END,
      arch = CASE WHEN ${"arch" in fields ? 1 : 0} = 1 THEN ${fields.arch ?? null} ELSE arch END
    WHERE id = ${id}`;
};

// Compare-and-set, so two concurrent polls of one device record the change once: only the
// request whose UPDATE matched the old key writes the event.
export const swapLastToldKey = async ({ id, from, to }: { id: string; from: string | null; to: string }): Promise<boolean> => {
  const changed = await prisma.$executeRaw`
    UPDATE "Device" SET lastToldKey = ${to} WHERE id = ${id} AND lastToldKey IS ${from}`;

  return changed === 1;
};

export type DeviceSighting = { id: string; seenAt: Date; sourceIp: string | null };

// The batched last-seen write (device-sightings.ts): one transaction for every device seen since
// the last flush. updatedAt is left alone: a sighting is not an edit.
export const writeDeviceSightings = async (sightings: DeviceSighting[]): Promise<void> => {
  if (sightings.length === 0) return;
  await prisma.$transaction(
    sightings.map(
      ({ id, seenAt, sourceIp }) => prisma.$executeRaw`
        UPDATE "Device" SET lastSeenAt = ${seenAt}, lastSourceIp = COALESCE(${sourceIp}, lastSourceIp) WHERE id = ${id}`,
    ),
  );
};

export const countPendingDevices = async (): Promise<number> => {
  const rows = await prisma.$queryRaw<{ count: number | bigint }[]>`SELECT COUNT(*) AS count FROM "Device" WHERE status = 'pending'`;

  return Number(rows[0]?.count ?? 0);
};

export type DeviceStatusRow = { id: string; status: string };

// For the one shared poller of held downloads: the status of every held device in one query.
export const readDeviceStatuses = async (ids: string[]): Promise<DeviceStatusRow[]> => {
  if (ids.length === 0) return [];

  return prisma.device.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
};

// A machine-suggested hostname gives way to an admin's choice of the same name elsewhere.
// Returns the devices that lost it, so the caller can record that.
export const releaseSuggestedHostname = async ({ tx, hostname, exceptId }: { tx: Tx; hostname: string; exceptId: string | null }) => {
  const holders = await tx.device.findMany({
    where: { hostname, hostnameSuggested: true, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, mac: true },
  });
  if (holders.length > 0) {
    await tx.device.updateMany({ where: { id: { in: holders.map((holder) => holder.id) } }, data: { hostname: null, hostnameSuggested: false } });
  }

  return holders;
};
