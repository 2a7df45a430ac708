import { answerFormOrJson } from "@/lib/auth/form-or-json";
import { readFormOrJson } from "@/lib/http/read-body";
import { withRoute } from "@/lib/http/route";
import { createFirstAdminSchema } from "@/lib/schemas/auth";
import { createFirstAdmin } from "@/lib/services/auth";

// POST /api/auth/setup — create the first admin account; 409 once any user exists
export const POST = withRoute({ auth: "public" }, async ({ req, sourceIp }) =>
  answerFormOrJson({ req, errorPage: "/setup" }, async () => {
    const input = createFirstAdminSchema.parse(await readFormOrJson(req));
    const user = await createFirstAdmin({ ...input, sourceIp });

    return { status: 201, body: { user }, location: "/login?setup=done" };
  }),
);
