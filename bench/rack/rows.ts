import { prisma } from "@/lib/db/client";

// Rows per table (Prisma's migration table left out): counted before and after the storm, the
// difference per machine is what one machine's whole provisioning added to the database.
export const countRows = async (): Promise<Record<string, number>> => {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name");
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ count: bigint | number }[]>(`SELECT COUNT(*) AS count FROM "${name.replaceAll('"', '""')}"`);
    counts[name] = Number(row?.count ?? 0);
  }

  return counts;
};

export const rowDelta = (before: Record<string, number>, after: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.keys(after).flatMap((table) => (after[table] !== before[table] ? [[table, after[table]! - (before[table] ?? 0)]] : [])));
