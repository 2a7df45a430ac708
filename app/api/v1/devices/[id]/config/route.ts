import { withRoute } from "@/lib/http/route";
import { json } from "@/lib/http/responses";
import { deviceIdParamsSchema } from "@/lib/schemas/device";
import { previewDeviceConfig } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

// GET /api/v1/devices/{id}/config — the device's machine config, secrets redacted, with validation.
export const GET = withRoute<{ id: string }>({ auth: "admin" }, async ({ params }) => {
  const { id } = deviceIdParamsSchema.parse(params);

  return json(await previewDeviceConfig(id));
});
