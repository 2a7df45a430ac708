"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/(admin)/tokens/actions";
import { CopyButton } from "@/app/_components/copy-button";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, idleState);
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : undefined;
  const typedName = state.status === "invalid" || state.status === "error" ? state.values.name : undefined;

  return (
    <div className="space-y-3">
      <form action={action} className="flex items-end gap-2" data-testid="create-token-form">
        <div className="w-72">
          <FormField name="name" label="New token name" placeholder="e.g. terraform" required maxLength={64} defaultValue={typedName} errors={fieldErrors?.name} />
        </div>
        <SubmitButton disabled={pending} data-testid="create-token-submit">
          Create token
        </SubmitButton>
      </form>
      {state.status === "error" ? (
        <Notice tone="error" testId="create-token-error">
          {state.message}
        </Notice>
      ) : null}
      {state.status === "ok" ? (
        <Notice tone="success" testId="new-token">
          <p>
            Token <strong>{state.data.name}</strong> created. Copy it now: it is shown only once.
          </p>
          <code data-testid="new-token-value" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 select-all">
            {state.data.token}
          </code>
          <div className="mt-2">
            <CopyButton text={state.data.token} label="Copy token" testId="copy-token" />
          </div>
        </Notice>
      ) : null}
    </div>
  );
}
