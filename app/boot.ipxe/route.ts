import { withRoute } from "@/lib/http/route";
import { text } from "@/lib/http/responses";
import { serveBootEntryScript } from "@/lib/services/boot";

export const dynamic = "force-dynamic";

// GET /boot.ipxe — fixed iPXE entry script; chains to the per-device script with iPXE variables.
export const GET = withRoute({ auth: "public", errors: "text" }, async ({ req }) =>
  text(await serveBootEntryScript({ requestOrigin: new URL(req.url).origin })),
);
