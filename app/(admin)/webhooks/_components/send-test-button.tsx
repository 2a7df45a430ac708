"use client";

import { useActionState } from "react";
import { testWebhookAction } from "@/app/(admin)/webhooks/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

export function SendTestButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(testWebhookAction, idleState);

  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" disabled={pending} data-testid="send-test">
        Send test
      </SubmitButton>
      {state.status === "ok" ? <span className="text-xs" data-testid="send-test-result">{state.data.message}</span> : null}
      {state.status === "error" || state.status === "invalid" ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
