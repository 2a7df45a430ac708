import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { updateWebhookSchema } from "@/lib/schemas/webhook";
import { deleteWebhook } from "@/lib/services/webhooks";
import { getWebhookOrThrow } from "@/lib/services/webhooks";
import { updateWebhook } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/webhooks/{id} — one webhook.
export const GET = withRoute<Params>({ auth: "admin" }, async ({ params }) => {
  const { id } = idParamsSchema.parse(params);

  return json(await getWebhookOrThrow(id));
});

// PUT /api/v1/webhooks/{id} — change fields; a new or rotated secret is answered once.
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  const input = await readJson(req, { schema: updateWebhookSchema });
  const { webhook, secret } = await updateWebhook({ id, input, actor: actorOf(principal), sourceIp });

  return json({ ...webhook, ...(secret ? { secret } : {}) });
});

// DELETE /api/v1/webhooks/{id} — remove a webhook and its outbox.
export const DELETE = withRoute<Params>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  await deleteWebhook({ id, actor: actorOf(principal), sourceIp });

  return new Response(null, { status: 204 });
});
