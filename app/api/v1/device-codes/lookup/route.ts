import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { deviceCodeLookupSchema } from "@/lib/schemas/oauth";
import { lookupDeviceCode } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// POST /api/v1/device-codes/lookup — which waiting device a console code belongs to.
export const POST = withRoute({ auth: "admin" }, async ({ req }) => {
  const input = await readJson(req, { schema: deviceCodeLookupSchema });

  return json(await lookupDeviceCode(input));
});
