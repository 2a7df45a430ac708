// The state a form's server action returns (field errors by name, one notice, the submitted values). Client-safe: client components
// import ActionState and idleState from here, never from form-action.ts (which reaches the database).
export type FieldErrors<TInput> = Partial<Record<Extract<keyof TInput, string> | "_form", string[]>>;

export type ActionState<TInput = Record<string, unknown>, TData = undefined> =
  | { status: "idle" }
  | { status: "invalid"; message: string; fieldErrors: FieldErrors<TInput>; values: Record<string, string> }
  | { status: "error"; message: string; values: Record<string, string> }
  | { status: "ok"; message?: string; data: TData };

export const idleState = { status: "idle" } as const;
