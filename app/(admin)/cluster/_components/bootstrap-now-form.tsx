"use client";

import { useActionState } from "react";
import { bootstrapNowAction } from "@/app/(admin)/cluster/actions";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

// "Bootstrap now": for when automatic bootstrap is off or failed. The checkbox is the confirmation.
export function BootstrapNowForm() {
  const [state, action, pending] = useActionState(bootstrapNowAction, idleState);

  return (
    <div className="space-y-2">
      <form action={action} className="flex flex-wrap items-center gap-3" data-testid="bootstrap-form">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="confirm" data-testid="bootstrap-confirm" />
          I understand: this creates the etcd cluster on the first control plane, once.
        </label>
        <SubmitButton disabled={pending} variant="danger" data-testid="bootstrap-now">
          Bootstrap now
        </SubmitButton>
      </form>
      {state.status === "ok" ? <Notice tone="success" testId="bootstrap-done">Bootstrap accepted by the node.</Notice> : null}
      {state.status === "error" || state.status === "invalid" ? <Notice tone="error" testId="bootstrap-error">{state.message}</Notice> : null}
    </div>
  );
}
