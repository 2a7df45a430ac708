import { listEventPage } from "@/lib/data/events";
import { listEventsQuerySchema, type EventJson } from "@/lib/schemas/event";

export type ListEventsOptions = { type?: string; deviceId?: string; page?: number | string; pageSize?: number | string };
export type EventPage = { items: EventJson[]; total: number; page: number; pageSize: number };

// The audit log, newest first.
export const listEvents = async (options: ListEventsOptions = {}): Promise<EventPage> => {
  const { type, deviceId, page, pageSize } = listEventsQuerySchema.parse(options);
  const { items, total } = await listEventPage({ type, deviceId, page, pageSize });

  return { items, total, page, pageSize };
};
