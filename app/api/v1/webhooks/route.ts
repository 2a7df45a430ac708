import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { createWebhook } from "@/lib/services/webhooks";
import { listWebhooks } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

// GET /api/v1/webhooks — every webhook (secrets never included).
export const GET = withRoute({ auth: "admin" }, async () => {
  const webhooks = await listWebhooks();

  return json({ items: webhooks, total: webhooks.length, page: 1, pageSize: webhooks.length });
});

// POST /api/v1/webhooks — create a webhook; the answer carries its signing secret, once.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: createWebhookSchema });
  const { webhook, secret } = await createWebhook({ input, actor: actorOf(principal), sourceIp });

  return json({ ...webhook, secret }, 201);
});
