import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { updateRuleSchema } from "@/lib/schemas/rule";
import { deleteRule } from "@/lib/services/rules";
import { getRuleOrThrow } from "@/lib/services/rules";
import { ruleJson } from "@/lib/services/rules";
import { updateRule } from "@/lib/services/rules";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/rules/{id} — one approval rule.
export const GET = withRoute<Params>({ auth: "admin" }, async ({ params }) => {
  const { id } = idParamsSchema.parse(params);

  return json(ruleJson(await getRuleOrThrow(id)));
});

// PUT /api/v1/rules/{id} — change fields (null clears one); `resetMatchCount` restarts the count.
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  const input = await readJson(req, { schema: updateRuleSchema });

  return json(ruleJson(await updateRule({ id, input, actor: actorOf(principal), sourceIp })));
});

// DELETE /api/v1/rules/{id} — remove a rule.
export const DELETE = withRoute<Params>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  await deleteRule({ id, actor: actorOf(principal), sourceIp });

  return new Response(null, { status: 204 });
});
