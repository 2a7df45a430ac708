import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { getRack } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// GET /api/v1/devices/rack — every device's stage (pending → installed) and the count per stage.
export const GET = withRoute({ auth: "admin" }, async () => json(await getRack()));
