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

// One audit-log entry as the API answers it; the TypeScript type and the OpenAPI document both come from here.
export const eventJsonSchema = z.object({
  id: z.string(),
  type: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  sourceIp: z.string().nullable(),
  deviceId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string().describe("ISO 8601 time"),
});
export type EventJson = z.infer<typeof eventJsonSchema>;
