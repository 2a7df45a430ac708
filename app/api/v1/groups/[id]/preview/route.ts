import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { groupPreviewQuerySchema } from "@/lib/schemas/group";
import { previewGroupConfig } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

// GET /api/v1/groups/{id}/preview?role=&deviceId= — merged config of a member, secrets redacted.
export const GET = withRoute<{ id: string }>({ auth: "admin" }, async ({ req, params }) => {
  const { id } = idParamsSchema.parse(params);
  const query = groupPreviewQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));

  return json(await previewGroupConfig({ id, ...query }));
});
