import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { listEventsQuerySchema } from "@/lib/schemas/event";
import { listEvents } from "@/lib/services/events";

// GET /api/v1/events?type=&deviceId=&page=&pageSize= — the audit log, newest first
export const GET = withRoute({ auth: "admin" }, async ({ req }) => {
  const query = listEventsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));

  return json(await listEvents(query));
});
