import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { checkHealth } from "@/lib/services/health";

// GET /api/health — liveness plus a database round trip; no login (public-routes.ts)
export const GET = withRoute({ auth: "public" }, async () => {
  const health = await checkHealth();

  return json(health, health.status === "ok" ? 200 : 503);
});
