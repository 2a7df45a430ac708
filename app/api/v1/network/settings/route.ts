import { actorOf } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { networkSettingsSchema } from "@/lib/schemas/network";
import { getNetworkSettings } from "@/lib/services/network";
import { createNetworkSettings } from "@/lib/services/network";

export const dynamic = "force-dynamic";

// GET /api/v1/network/settings — the current settings, 404 before they exist.
export const GET = withRoute({ auth: "admin" }, async () => {
  const settings = await getNetworkSettings();
  if (!settings) throw new AppError("not_found", "network settings are not saved yet");

  return json(settings);
});

// POST /api/v1/network/settings — create them (409 when they exist).
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: networkSettingsSchema });

  return json(await createNetworkSettings(input, { actor: actorOf(principal), sourceIp }), 201);
});
