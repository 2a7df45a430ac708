import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { createRuleSchema } from "@/lib/schemas/rule";
import { createRule } from "@/lib/services/rules";
import { listRules } from "@/lib/services/rules";
import { ruleJson } from "@/lib/services/rules";

export const dynamic = "force-dynamic";

// GET /api/v1/rules — every approval rule, in evaluation order.
export const GET = withRoute({ auth: "admin" }, async () => {
  const rules = await listRules();

  return json({ items: rules.map(ruleJson), total: rules.length, page: 1, pageSize: rules.length });
});

// POST /api/v1/rules — create an approval rule.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: createRuleSchema });

  return json(ruleJson(await createRule({ input, actor: actorOf(principal), sourceIp })), 201);
});
