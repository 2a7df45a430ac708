import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { createApiTokenSchema, listApiTokensQuerySchema } from "@/lib/schemas/token";
import { createApiToken } from "@/lib/services/auth";
import { listApiTokens } from "@/lib/services/auth";

// GET /api/v1/tokens — list API tokens (prefix and dates, never the value)
export const GET = withRoute({ auth: "admin" }, async ({ req }) => {
  const query = listApiTokensQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));

  return json(await listApiTokens(query));
});

// POST /api/v1/tokens — create a token; its value is in this answer and nowhere else
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: createApiTokenSchema });

  return json(await createApiToken({ ...input, principal, sourceIp }), 201);
});
