import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { createGroupSchema } from "@/lib/schemas/group";
import { createGroup } from "@/lib/services/groups";
import { listGroups } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

// GET /api/v1/groups — every device group, by name.
export const GET = withRoute({ auth: "admin" }, async () => {
  const groups = await listGroups();

  return json({ items: groups, total: groups.length, page: 1, pageSize: groups.length });
});

// POST /api/v1/groups — create a device group.
export const POST = withRoute({ auth: "admin" }, async ({ req, principal, sourceIp }) => {
  const input = await readJson(req, { schema: createGroupSchema });

  return json(await createGroup({ input, actor: actorOf(principal), sourceIp }), 201);
});
