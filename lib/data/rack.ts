import { prisma } from "@/lib/db/client";

export type RackRow = { id: string; mac: string; hostname: string | null; status: string; provisionedAt: Date | null; lastSeenAt: Date; scriptServed: boolean };

type RawRackRow = { id: string; mac: string; hostname: string | null; status: string; provisionedAt: Date | string | number | null; lastSeenAt: Date | string | number; scriptServed: number | bigint };

// Every device in power-on order with what its stage needs, in one statement (the Overview polls
// it every few seconds; thousands of rows). A token row exists once a Talos script was served.
export const listRackRows = async (limit: number): Promise<RackRow[]> => {
  const rows = await prisma.$queryRaw<RawRackRow[]>`
    SELECT d.id, d.mac, d.hostname, d.status, d.provisionedAt, d.lastSeenAt,
      EXISTS (SELECT 1 FROM "BootToken" t WHERE t.deviceId = d.id) AS scriptServed
    FROM "Device" d
    ORDER BY d.firstSeenAt ASC, d.id ASC
    LIMIT ${limit}`;

  return rows.map((row) => ({
    ...row,
    provisionedAt: row.provisionedAt === null ? null : new Date(row.provisionedAt),
    lastSeenAt: new Date(row.lastSeenAt),
    scriptServed: Number(row.scriptServed) === 1,
  }));
};
