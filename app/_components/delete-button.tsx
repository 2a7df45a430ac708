"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState, type ActionState } from "@/lib/actions/action-state";

type DeleteAction<TData> = (previous: ActionState<Record<string, unknown>, TData>, formData: FormData) => Promise<ActionState<Record<string, unknown>, TData>>;
type DeleteButtonProps<TData> = { id: string; action: DeleteAction<TData>; testId: string; children: ReactNode };

// Posts the record id to a delete server action (which redirects on success) and shows a refusal
// beside the button. Server pages pass the action in: server action references cross to the client.
export function DeleteButton<TData>({ id, action, testId, children }: DeleteButtonProps<TData>) {
  const [state, formAction, pending] = useActionState(action, idleState);

  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" disabled={pending} data-testid={testId}>
        {children}
      </SubmitButton>
      {state.status === "error" || state.status === "invalid" ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
