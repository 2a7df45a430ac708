import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { listDeliveriesQuerySchema } from "@/lib/schemas/webhook";
import { listWebhookDeliveries } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

// GET /api/v1/webhooks/{id}/deliveries?status=&page=&pageSize= — the delivery log, newest first.
export const GET = withRoute<{ id: string }>({ auth: "admin" }, async ({ req, params }) => {
  const { id } = idParamsSchema.parse(params);
  const query = listDeliveriesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));

  return json(await listWebhookDeliveries({ webhookId: id, ...query }));
});
