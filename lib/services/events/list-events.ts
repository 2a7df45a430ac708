import { prisma } from "@/lib/db/client";
import { listEventsQuerySchema, type EventJson } from "@/lib/schemas/event";

export type ListEventsOptions = { type?: string; deviceId?: string; page?: number | string; pageSize?: number | string };
export type EventPage = { items: EventJson[]; total: number; page: number; pageSize: number };

// The audit log, newest first (id breaks ties between events of the same millisecond).
export const listEvents = async (options: ListEventsOptions = {}): Promise<EventPage> => {
  const { type, deviceId, page, pageSize } = listEventsQuerySchema.parse(options);
  const where = { ...(type ? { type } : {}), ...(deviceId ? { deviceId } : {}) };
  const [rows, total] = await Promise.all([
    prisma.event.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.event.count({ where }),
  ]);

  return { items: rows.map(toEventJson), total, page, pageSize };
};

type EventRow = {
  id: string;
  type: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  sourceIp: string | null;
  deviceId: string | null;
  details: string;
  createdAt: Date;
};

export const toEventJson = (row: EventRow): EventJson => ({
  id: row.id,
  type: row.type,
  actor: { type: row.actorType, id: row.actorId, name: row.actorName },
  sourceIp: row.sourceIp,
  deviceId: row.deviceId,
  details: parseDetails(row.details),
  createdAt: row.createdAt.toISOString(),
});

const parseDetails = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);

    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
