import type { IdentityStatus } from "@/lib/domain/identity/decide-identity";
import { prisma, type Tx } from "@/lib/db/client";
import type { Db } from "./db";
import type { Device } from "@/lib/generated/prisma/client";
import { dateOf, statement } from "./hot-statements";
import { dateColumn, nowStatement, writeNow, type NowTx } from "./write-now";
import { cuid } from "@/lib/db/cuid";

// Device queries of the machine-facing hot path (the boot storm, docs/architecture.md): reads are
// prepared statements on the plain connection, writes raw statements, because an ORM call costs
// ~1-2 ms of query-compiler CPU per poll. Dates bound as Date are stored exactly as
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

export const bootColumns = `id, mac, arch, uuid, serial, status, bootAction, provisionedAt, role, lastToldKey, lastSourceIp, identityStatus, identityReason`;

export const bootDeviceOf = (row: Record<string, unknown>): BootDevice => ({ ...(row as BootDevice), provisionedAt: dateOf(row.provisionedAt) });

// A read, not a write: a poll of a device whose state did not change writes nothing here. A
// prepared statement on the plain connection (lib/data/hot-statements.ts), no ORM call.
export const findBootDevice = async (mac: string): Promise<BootDevice | null> => {
  const row = statement(`SELECT ${bootColumns} FROM "Device" WHERE mac = ?`).get(mac) as Record<string, unknown> | undefined;

  return row ? bootDeviceOf(row) : null;
};

// What the config download needs besides the boot state: the device's own config fields and its
// group's patch and install disk.
export type DownloadDevice = BootDevice &
  Pick<Device, "hostname" | "ipAddress" | "installDisk"> & { group: { configPatch: string | null; installDisk: string | null } | null };

export const findDownloadDevice = async (mac: string): Promise<DownloadDevice | null> => {
  const row = statement(`
    SELECT d.id, d.mac, d.arch, d.uuid, d.serial, d.status, d.bootAction, d.provisionedAt, d.role, d.lastToldKey,
           d.lastSourceIp, d.identityStatus, d.identityReason, d.hostname, d.ipAddress, d.installDisk,
           g.id AS groupId, g.configPatch AS groupConfigPatch, g.installDisk AS groupInstallDisk
    FROM "Device" AS d LEFT JOIN "DeviceGroup" AS g ON g.id = d.groupId WHERE d.mac = ?`).get(mac) as Record<string, unknown> | undefined;
  if (!row) return null;
  const { groupId, groupConfigPatch, groupInstallDisk, ...device } = row;

  return {
    ...(bootDeviceOf(device) as DownloadDevice),
    group: groupId === null ? null : { configPatch: (groupConfigPatch as string | null) ?? null, installDisk: (groupInstallDisk as string | null) ?? null },
  };
};

export type IdentityUpdate = { id: string; uuid?: string | null; serial?: string | null; arch?: string | null };

// Only the reported fields that changed are passed in; absent keys stay as they are.
// One synchronous write transaction (write-now.ts), as every other machine-facing write: it never
// waits for the lock with the event loop blocked, and no open ORM transaction of this process can
// absorb it.
export const updateDeviceIdentity = async ({ id, ...fields }: IdentityUpdate): Promise<void> => {
  const now = dateColumn(new Date());
  const given = (key: "uuid" | "serial" | "arch") => (key in fields ? 1 : 0);
  await writeNow((tx) =>
    nowStatement(
      tx,
      `UPDATE "Device" SET updatedAt = ?,
         uuid = CASE WHEN ? = 1 THEN ? ELSE uuid END,
         serial = CASE WHEN ? = 1 THEN ? ELSE serial END,
         arch = CASE WHEN ? = 1 THEN ? ELSE arch END
       WHERE id = ?`,
    ).run(now, given("uuid"), fields.uuid ?? null, given("serial"), fields.serial ?? null, given("arch"), fields.arch ?? null, id),
  );
};

// Compare-and-set, so two concurrent polls of one device record the change once: only the
// request whose UPDATE matched the old key writes the event (in the same transaction).
export const swapLastToldKeyNow = ({ tx, id, from, to }: { tx: NowTx; id: string; from: string | null; to: string }): boolean =>
  nowStatement(tx, `UPDATE "Device" SET lastToldKey = ? WHERE id = ? AND lastToldKey IS ?`).run(to, id, from).changes === 1;

export type DeviceSighting = { id: string; seenAt: Date; sourceIp: string | null };

// The batched last-seen write (device-sightings.ts): one statement for every device seen since the
// last flush (a rack of 2,000 polling machines is ~200 sightings a second: one ORM call each would
// cost more CPU than the polls themselves). The batch goes in as one JSON parameter; dates are
// written in the ORM's own text format (tests/integration/boot-hot-path.test.ts). updatedAt is
// left alone: a sighting is not an edit. One synchronous statement (write-now.ts): through the ORM
// the flush was an interactive transaction holding the write lock across several turns of a busy
// event loop, and one that lost the race after write-lock.ts's probe waited in SQLite's busy
// handler with its event loop stopped (docs/benchmarks.md, "Approvals and the Overview without the ORM").
export const writeDeviceSightings = async (sightings: DeviceSighting[]): Promise<void> => {
  if (sightings.length === 0) return;
  const batch = JSON.stringify(sightings.map(({ id, seenAt, sourceIp }) => ({ id, seenAt: dateColumn(seenAt), sourceIp })));
  await writeNow((tx) =>
    nowStatement(
      tx,
      `UPDATE "Device" SET lastSeenAt = seen.seenAt, lastSourceIp = COALESCE(seen.sourceIp, "Device".lastSourceIp)
       FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.seenAt') AS seenAt, json_extract(value, '$.sourceIp') AS sourceIp
             FROM json_each(?)) AS seen
       WHERE "Device".id = seen.id`,
    ).run(batch),
  );
};

// Inside a registration's transaction (the ORM's tx or a synchronous one) the count sees that
// transaction's own rows.
const countPendingSql = `SELECT COUNT(*) AS count FROM "Device" WHERE status = 'pending'`;

export const countPendingDevicesNow = (tx: NowTx): number => Number((nowStatement(tx, countPendingSql).get() as { count: number }).count);

export const countPendingDevices = async (db: Db = prisma): Promise<number> => {
  const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(countPendingSql);

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

// The same inside a synchronous write transaction (write-now.ts).
export const releaseSuggestedHostnameNow = ({ tx, hostname, exceptId }: { tx: NowTx; hostname: string; exceptId: string | null }): { id: string; mac: string }[] => {
  const holders = nowStatement(tx, `SELECT id, mac FROM "Device" WHERE hostname = ? AND hostnameSuggested = 1 AND id IS NOT ?`).all(hostname, exceptId) as { id: string; mac: string }[];
  const release = nowStatement(tx, `UPDATE "Device" SET hostname = NULL, hostnameSuggested = 0, updatedAt = ? WHERE id = ?`);
  const now = dateColumn(new Date());
  for (const holder of holders) release.run(now, holder.id);

  return holders;
};

export type NewPendingDevice = {
  mac: string;
  uuid: string | null;
  serial: string | null;
  arch: string | null;
  hostname: string | null;
  lastSourceIp: string | null;
  identity: { status: IdentityStatus; reason: string };
};

// A new pending device, inside the registration's transaction (with its event and the rules).
export const insertPendingDevice = ({ tx, device }: { tx: Tx; device: NewPendingDevice }): Promise<Device> =>
  tx.device.create({
    data: {
      mac: device.mac,
      uuid: device.uuid,
      serial: device.serial,
      arch: device.arch,
      // Only the machine's suggestion: an admin's choice of this name elsewhere takes it away.
      hostname: device.hostname,
      hostnameSuggested: Boolean(device.hostname),
      lastSourceIp: device.lastSourceIp,
      status: "pending",
      identityStatus: device.identity.status,
      identityReason: device.identity.reason,
      identityCheckedAt: new Date(),
    },
  });

// The same row inside a synchronous write transaction (lib/data/write-now.ts): every column the
// ORM would fill from the schema's defaults is written here, dates in the ORM's text format, so the
// row reads back through the ORM as if it had created it (tests/integration/boot-register-now.test.ts).
export const insertPendingDeviceNow = ({ tx, device }: { tx: NowTx; device: NewPendingDevice }): BootDevice => {
  const now = dateColumn(new Date());
  const row = nowStatement(
    tx,
    `INSERT INTO "Device" (id, mac, uuid, serial, arch, hostname, hostnameSuggested, lastSourceIp, status, bootAction, configDownloadCount,
       identityStatus, identityReason, identityCheckedAt, firstSeenAt, lastSeenAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 'install', 0, ?, ?, ?, ?, ?, ?, ?)
     RETURNING ${bootColumns}`,
  ).get(
    cuid(),
    device.mac,
    device.uuid,
    device.serial,
    device.arch,
    device.hostname,
    device.hostname ? 1 : 0,
    device.lastSourceIp,
    device.identity.status,
    device.identity.reason,
    now,
    now,
    now,
    now,
    now,
  ) as Record<string, unknown>;

  return bootDeviceOf(row);
};

export type { Device };
