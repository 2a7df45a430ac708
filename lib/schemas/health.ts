import { z } from "zod";

// GET /api/health: liveness with a database round trip.
export const healthJsonSchema = z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "error"]) });
export type Health = z.infer<typeof healthJsonSchema>;
