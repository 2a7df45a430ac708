import type { DeviceRow } from "./device-rows";
import { prisma } from "@/lib/db/client";

export type DeviceSearchOptions = { status?: string; q?: string; page: number; pageSize: number };
export type DeviceSearchTerms = { mac: string; text: string; ipPrefix: string };

// One page of the device list: matching ids in list order, and the total. Written as SQL because
// Prisma's `contains` becomes LIKE without an ESCAPE clause on SQLite, so `%` and `_` in a search
// would act as wildcards; instr() matches them literally. lower() keeps the case-insensitive match
// LIKE gave for ASCII.
export const searchDevicePage = async ({ status, q, page, pageSize, terms }: DeviceSearchOptions & { terms: DeviceSearchTerms | null }) => {
  const statusValue = status ?? null;
  const mac = terms?.mac ?? null;
  const text = terms?.text ?? null;
  const ipPrefix = terms?.ipPrefix ?? null;
  const matches = q ? 1 : 0;
  const offset = (page - 1) * pageSize;
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Device"
      WHERE (${statusValue} IS NULL OR status = ${statusValue})
        AND (${matches} = 0 OR instr(mac, ${mac}) > 0 OR instr(lower(hostname), ${text}) > 0
          OR substr(ipAddress, 1, length(${ipPrefix})) = ${ipPrefix}
          OR instr(lower(uuid), ${text}) > 0 OR instr(lower(serial), ${text}) > 0)
      ORDER BY firstSeenAt DESC, id DESC
      LIMIT ${pageSize} OFFSET ${offset}`,
    prisma.$queryRaw<{ total: bigint | number }[]>`
      SELECT count(*) AS total FROM "Device"
      WHERE (${statusValue} IS NULL OR status = ${statusValue})
        AND (${matches} = 0 OR instr(mac, ${mac}) > 0 OR instr(lower(hostname), ${text}) > 0
          OR substr(ipAddress, 1, length(${ipPrefix})) = ${ipPrefix}
          OR instr(lower(uuid), ${text}) > 0 OR instr(lower(serial), ${text}) > 0)`,
  ]);

  return { ids: rows.map((row) => row.id), total: Number(counted[0]?.total ?? 0) };
};

export const findDevicesByIds = async (ids: string[]): Promise<DeviceRow[]> => prisma.device.findMany({ where: { id: { in: ids } } });
