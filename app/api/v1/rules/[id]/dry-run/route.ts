import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { dryRunRule } from "@/lib/services/rules";

export const dynamic = "force-dynamic";

// GET /api/v1/rules/{id}/dry-run — the pending devices this rule matches now; changes nothing.
export const GET = withRoute<{ id: string }>({ auth: "admin" }, async ({ params }) => {
  const { id } = idParamsSchema.parse(params);

  return json(await dryRunRule(id));
});
