"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/app/(admin)/tokens/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, idleState);

  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" disabled={pending} data-testid="revoke-token" aria-label={`Revoke ${name}`} className="px-2 py-0.5 text-xs">
        Revoke
      </SubmitButton>
      {state.status === "error" || state.status === "invalid" ? (
        <span className="text-xs text-red-600" data-testid="revoke-token-error">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
