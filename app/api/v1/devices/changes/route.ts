import { withRoute } from "@/lib/http/route";
import { streamDeviceChanges } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// GET /api/v1/devices/changes — Server-Sent Events: one `devices` event whenever the devices change (any process).
export const GET = withRoute({ auth: "admin" }, async ({ req }) =>
  new Response(streamDeviceChanges({ signal: req.signal }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  }),
);
