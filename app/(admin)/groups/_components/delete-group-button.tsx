"use client";

import { useActionState } from "react";
import { deleteGroupAction } from "@/app/(admin)/groups/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

export function DeleteGroupButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(deleteGroupAction, idleState);

  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" disabled={pending} data-testid="delete-group">
        Delete group
      </SubmitButton>
      {state.status === "error" || state.status === "invalid" ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
