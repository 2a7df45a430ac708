import { ZodError, z } from "zod";
import type { ActionState, FieldErrors } from "@/lib/actions/action-state";
import type { Principal } from "@/lib/auth/principal";
import { currentSourceIp, requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { statusByCode } from "@/lib/http/status";
import { plainFieldErrors } from "@/lib/actions/plain-errors";

// The one shape of an admin server action (parse, authorize, call one use-case, answer field errors):
//   export const createThing = formAction(createThingSchema, async (input, { principal }) => { ...; revalidatePath("/x"); return data; });
// and in a client component: const [state, action] = useActionState(createThing, idleState), with
// idleState imported from "@/lib/actions/action-state" — this module is server-only (it reads the DB).
// Expected failures come back as state (ALL field errors at once); unexpected ones throw to error.tsx.
export type { ActionState, FieldErrors } from "@/lib/actions/action-state";

export type FormActionContext = { principal: Principal; sourceIp: string | null };

export type FormActionOptions = {
  // The page path, so a session that expired mid-form redirects to a login that returns there.
  path?: string;
  // Labels this form shows where they differ from lib/actions/field-labels.ts (errors name fields by label).
  labels?: Record<string, string>;
};

export const formAction =
  <TSchema extends z.ZodType, TData>(
    schema: TSchema,
    fn: (input: z.output<TSchema>, ctx: FormActionContext) => Promise<TData>,
    { path = "/", labels = {} }: FormActionOptions = {},
  ) =>
  async (_previous: ActionState<z.input<TSchema>, TData>, formData: FormData): Promise<ActionState<z.input<TSchema>, TData>> => {
    // Authorize before parsing: an anonymous caller learns nothing, not even which fields are wrong.
    const principal = await requireAdmin(path);
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid({ issues: parsed.error.issues, values, labels });
    let data: TData;
    try {
      data = await fn(parsed.data, { principal, sourceIp: await currentSourceIp() });
    } catch (error) {
      if (error instanceof ZodError) return invalid({ issues: error.issues, values, labels });
      // 4xx-class AppErrors (conflict, not found, ...) are expected outcomes; anything else (and
      // Next's redirect/notFound signals) propagates.
      if (isAppError(error) && statusByCode[error.code] < 500) {
        if (error.issues?.length) return { status: "invalid", message: error.message, fieldErrors: plainFieldErrors(error.issues, labels) as FieldErrors<z.input<TSchema>>, values };

        return { status: "error", message: error.message, values };
      }
      throw error;
    }

    return { status: "ok", data };
  };

// Repeated keys (checkbox groups, multi-selects) become arrays; Next's internal $ACTION_ fields are dropped.
export const formDataToObject = (formData: FormData): Record<string, unknown> => {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }

  return result;
};

type InvalidOptions = { issues: Parameters<typeof plainFieldErrors>[0]; values: Record<string, string>; labels: Record<string, string> };

// One plain sentence per field, next to it (lib/actions/plain-errors.ts); the notice above only says where to look.
const invalid = <TInput, TData>({ issues, values, labels }: InvalidOptions): ActionState<TInput, TData> => {
  const fieldErrors = plainFieldErrors(issues, labels);
  const formOnly = Object.keys(fieldErrors).length === 1 ? fieldErrors._form?.[0] : undefined;
  const message = formOnly ?? "Please correct the highlighted fields.";

  return { status: "invalid", message, fieldErrors: fieldErrors as FieldErrors<TInput>, values };
};

// Text values are sent back so a form re-renders what the admin typed (React resets forms after
// an action); secrets are never echoed.
const echoValues = (raw: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => typeof value === "string" && !/password|secret|token/i.test(key)) as [string, string][],
  );
