import { withRoute } from "@/lib/http/route";
import { text } from "@/lib/http/responses";
import { parseMachineReport, requireMac } from "@/lib/schemas/device";
import { serveBootScript, withPollBackpressure } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

// GET /api/v1/boot/ipxe — per-device iPXE script (docs/devices.md, the boot chain), text/plain.
export const GET = withRoute({ auth: "public", errors: "text" }, async ({ req, sourceIp }) => {
  const url = new URL(req.url);
  const mac = requireMac(url.searchParams.get("mac"));
  // A bad uuid, serial or arch is dropped (and recorded), never a refusal: the machine still registers.
  const machine = parseMachineReport(Object.fromEntries(url.searchParams));

  return text(await withPollBackpressure({ mac, requestOrigin: url.origin }, () => serveBootScript({ mac, machine, sourceIp, requestOrigin: url.origin })));
});
