import { prisma } from "@/lib/db/client";
import { cuid } from "@/lib/db/cuid";
import type { Event } from "@/lib/generated/prisma/client";
import type { EventJson } from "@/lib/schemas/event";
import type { Db } from "./db";
import { dateColumn, nowStatement, type NowTx } from "./write-now";

export type StoredEvent = {
  id: string;
  type: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  sourceIp: string | null;
  deviceId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
};
export type NewEvent = Omit<StoredEvent, "id" | "createdAt">;

// details is written by JSON.stringify of an object; anything else reads as {} so one odd row
// cannot hide the rest of the audit log.
const parseDetails = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);

    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const storedOf = (row: Event): StoredEvent => ({ ...row, details: parseDetails(row.details) });

const eventJsonOf = (row: Event): EventJson => ({
  id: row.id,
  type: row.type,
  actor: { type: row.actorType, id: row.actorId, name: row.actorName },
  sourceIp: row.sourceIp,
  deviceId: row.deviceId,
  details: parseDetails(row.details),
  createdAt: row.createdAt.toISOString(),
});

export const insertEvent = async ({ event, db = prisma }: { event: NewEvent; db?: Db }): Promise<StoredEvent> =>
  storedOf(await db.event.create({ data: { ...event, details: JSON.stringify(event.details) } }));

// The same row inside a synchronous write transaction (write-now.ts): id and time made here, as the ORM makes them.
export const insertEventNow = ({ event, tx }: { event: NewEvent; tx: NowTx }): StoredEvent => {
  const stored: StoredEvent = { ...event, id: cuid(), createdAt: new Date() };
  nowStatement(tx, `INSERT INTO "Event" (id, type, actorType, actorId, actorName, sourceIp, deviceId, details, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    stored.id,
    stored.type,
    stored.actorType,
    stored.actorId,
    stored.actorName,
    stored.sourceIp,
    stored.deviceId,
    JSON.stringify(stored.details),
    dateColumn(stored.createdAt),
  );

  return stored;
};

type ListOptions = { type?: string; deviceId?: string; page: number; pageSize: number };

// The audit log, newest first (id breaks ties between events of the same millisecond).
export const listEventPage = async ({ type, deviceId, page, pageSize }: ListOptions): Promise<{ items: EventJson[]; total: number }> => {
  const where = { ...(type ? { type } : {}), ...(deviceId ? { deviceId } : {}) };
  const [rows, total] = await Promise.all([
    prisma.event.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.event.count({ where }),
  ]);

  return { items: rows.map(eventJsonOf), total };
};

type EventTimesOptions = { type: string; sourceIp: string | null; after: Date; limit: number };

// When events of one type from one address happened after `after`, newest first (at most `limit`).
export const listEventTimes = async ({ type, sourceIp, after, limit }: EventTimesOptions): Promise<Date[]> =>
  (
    await prisma.event.findMany({
      where: { type, sourceIp, createdAt: { gt: after } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    })
  ).map((row) => row.createdAt);

// Retention: events older than `before` (the audit log is bounded by age, docs/flood-bounds.md).
export const deleteEventsBefore = async (before: Date): Promise<number> => {
  const { count } = await prisma.event.deleteMany({ where: { createdAt: { lt: before } } });

  return count;
};
