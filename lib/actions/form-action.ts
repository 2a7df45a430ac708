import { ZodError, z } from "zod";
import type { ActionState, FieldErrors } from "@/lib/actions/action-state";
import type { Principal } from "@/lib/auth/principal";
import { currentSourceIp, requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { statusByCode } from "@/lib/http/status";

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
};

export const formAction =
  <TSchema extends z.ZodType, TData>(
    schema: TSchema,
    fn: (input: z.output<TSchema>, ctx: FormActionContext) => Promise<TData>,
    { path = "/" }: FormActionOptions = {},
  ) =>
  async (_previous: ActionState<z.input<TSchema>, TData>, formData: FormData): Promise<ActionState<z.input<TSchema>, TData>> => {
    // Authorize before parsing: an anonymous caller learns nothing, not even which fields are wrong.
    const principal = await requireAdmin(path);
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error, values);
    let data: TData;
    try {
      data = await fn(parsed.data, { principal, sourceIp: await currentSourceIp() });
    } catch (error) {
      if (error instanceof ZodError) return invalid(error, values);
      // 4xx-class AppErrors (conflict, not found, ...) are expected outcomes; anything else (and
      // Next's redirect/notFound signals) propagates.
      if (isAppError(error) && statusByCode[error.code] < 500) {
        if (error.issues?.length) return { status: "invalid", message: error.message, fieldErrors: issuesToFieldErrors(error.issues), values };

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

const invalid = <TInput, TData>(error: ZodError, values: Record<string, string>): ActionState<TInput, TData> => {
  const fieldErrors = issuesToFieldErrors(error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })));

  return { status: "invalid", message: "Please correct the highlighted fields.", fieldErrors: fieldErrors as FieldErrors<TInput>, values };
};

// Every issue is kept, grouped by its top-level field; issues without a path belong to the form.
const issuesToFieldErrors = (issues: { path: string; message: string }[]): Record<string, string[]> => {
  const result: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path.split(".")[0] || "_form";
    (result[field] ??= []).push(issue.message);
  }

  return result;
};

// Text values are sent back so a form re-renders what the admin typed (React resets forms after
// an action); secrets are never echoed.
const echoValues = (raw: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => typeof value === "string" && !/password|secret|token/i.test(key)) as [string, string][],
  );
