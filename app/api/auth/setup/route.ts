import { answerFormOrJson, keepTyped } from "@/lib/auth/form-or-json";
import { readFormOrJson } from "@/lib/http/read-body";
import { withRoute } from "@/lib/http/route";
import { createFirstAdminSchema, type SetupDone } from "@/lib/schemas/auth";
import { createFirstAdmin } from "@/lib/services/auth";

// POST /api/auth/setup — create the first admin account; 409 once any user exists
// A refused form keeps the username it was given (never the passwords).
export const POST = withRoute({ auth: "public" }, async ({ req, sourceIp }) => {
  const kept: Record<string, string> = {};

  return answerFormOrJson({ req, errorPage: "/setup", kept }, async () => {
    const body = await readFormOrJson(req);
    keepTyped({ body, kept, fields: ["username"] });
    const input = createFirstAdminSchema.parse(body);
    const user = await createFirstAdmin({ ...input, sourceIp });

    return { status: 201, body: { user } satisfies SetupDone, location: "/login?setup=done" };
  });
});
