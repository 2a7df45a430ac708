import { prisma } from "@/lib/db/client";

// How SQLite holds a column (its text and storage class): rows written with raw SQL on the hot path
// must be stored exactly as the ORM stores its own (DateTime as ISO text with +00:00, Boolean as an integer).
export const isoText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

export const storedFormat = async (table: "Device" | "BootToken" | "Event", column: string, id: string): Promise<{ value: string; kind: string }> => {
  const rows = await prisma.$queryRawUnsafe<{ value: string; kind: string }[]>(`SELECT CAST(${column} AS TEXT) AS value, typeof(${column}) AS kind FROM "${table}" WHERE id = ?`, id);

  return rows[0]!;
};
