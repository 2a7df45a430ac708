import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { applyNetworkSettings } from "@/lib/services/network";

export const dynamic = "force-dynamic";

// POST /api/v1/network/settings/apply — render, dnsmasq --test, write compiled/dnsmasq/ (422 with dnsmasq's message on failure).
export const POST = withRoute({ auth: "admin" }, async ({ principal, sourceIp }) =>
  json(await applyNetworkSettings({ actor: actorOf(principal), sourceIp })),
);
