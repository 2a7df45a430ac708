import { json } from "@/lib/http/responses";
import { withRoute } from "@/lib/http/route";
import { apiTokenIdSchema } from "@/lib/schemas/token";
import { revokeApiToken } from "@/lib/services/auth";

// DELETE /api/v1/tokens/{id} — revoke a token (it stays listed as revoked)
export const DELETE = withRoute<{ id: string }>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = apiTokenIdSchema.parse(params);

  return json(await revokeApiToken({ id, principal, sourceIp }));
});
