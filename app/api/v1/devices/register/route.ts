import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { registerBodySchema, requireMac } from "@/lib/schemas/device";
import { registerDevice } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

// POST /api/v1/devices/register — a machine announces itself; idempotent, never approves.
export const POST = withRoute({ auth: "public", errors: "text" }, async ({ req, sourceIp }) => {
  // A bad uuid, serial or arch is dropped (and recorded), not refused: the machine still registers.
  const { mac: rawMac, hostname, report, dropped } = await readJson(req, { schema: registerBodySchema });
  const mac = requireMac(rawMac);
  const { device, created } = await registerDevice({ mac, ...report, hostname, dropped, sourceIp, via: "api" });

  return json({ id: device.id, mac: device.mac, status: device.status }, created ? 201 : 200);
});
