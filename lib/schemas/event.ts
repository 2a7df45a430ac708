import { z } from "zod";
import { eventTypes } from "@/lib/domain/event-types";

// Query strings arrive as text; an empty `type` (the "all types" option) means no filter.
export const listEventsQuerySchema = z.object({
  type: z.preprocess((value) => (value === "" ? undefined : value), z.enum(eventTypes).optional()),
  deviceId: z.string().trim().min(1).max(64).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;

export type EventJson = {
  id: string;
  type: string;
  actor: { type: string; id: string | null; name: string | null };
  sourceIp: string | null;
  deviceId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
};
