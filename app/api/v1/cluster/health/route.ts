import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { getClusterHealth } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

// GET /api/v1/cluster/health — what the cluster is waiting for, and one row per node.
export const GET = withRoute({ auth: "admin" }, async () => json(await getClusterHealth()));
