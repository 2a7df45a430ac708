import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { sendTestWebhook } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

// POST /api/v1/webhooks/{id}/test — send a webhook.test delivery now; answers the delivery.
export const POST = withRoute<{ id: string }>({ auth: "admin" }, async ({ params, principal }) => {
  const { id } = idParamsSchema.parse(params);

  return json(await sendTestWebhook({ id, actor: actorOf(principal) }), 201);
});
