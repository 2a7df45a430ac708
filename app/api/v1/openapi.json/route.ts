import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { getOpenApiDocument } from "@/lib/openapi/get-document";

export const dynamic = "force-dynamic";

// GET /api/v1/openapi.json — the OpenAPI 3.1 document of every route (login required).
export const GET = withRoute({ auth: "admin" }, async () => json(getOpenApiDocument()));
