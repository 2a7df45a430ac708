import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { getSystemStatus } from "@/lib/services/health";

// GET /api/v1/status — worker liveness, dnsmasq state (from the worker's status file), device counts
export const GET = withRoute({ auth: "admin" }, async () => json(await getSystemStatus()));
