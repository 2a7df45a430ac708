import { actorOf } from "@/lib/auth/principal";
import { withRoute } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-body";
import { json } from "@/lib/http/responses";
import { idParamsSchema } from "@/lib/schemas/common-fields";
import { updateGroupSchema } from "@/lib/schemas/group";
import { deleteGroup } from "@/lib/services/groups";
import { getGroupOrThrow } from "@/lib/services/groups";
import { updateGroup } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

type Params = { id: string };

// GET /api/v1/groups/{id} — one device group.
export const GET = withRoute<Params>({ auth: "admin" }, async ({ params }) => {
  const { id } = idParamsSchema.parse(params);

  return json(await getGroupOrThrow(id));
});

// PUT /api/v1/groups/{id} — change fields (null clears one).
export const PUT = withRoute<Params>({ auth: "admin" }, async ({ req, params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  const input = await readJson(req, { schema: updateGroupSchema });

  return json(await updateGroup({ id, input, actor: actorOf(principal), sourceIp }));
});

// DELETE /api/v1/groups/{id} — remove a group (409 while a rule assigns it).
export const DELETE = withRoute<Params>({ auth: "admin" }, async ({ params, principal, sourceIp }) => {
  const { id } = idParamsSchema.parse(params);
  await deleteGroup({ id, actor: actorOf(principal), sourceIp });

  return new Response(null, { status: 204 });
});
