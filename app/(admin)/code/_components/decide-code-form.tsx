"use client";

import { useActionState } from "react";
import { approveCodeAction, denyCodeAction } from "@/app/(admin)/code/actions";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SelectField } from "@/app/_components/select-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

type DecideCodeFormProps = { code: string; needsAssignment: boolean; hostname: string | null; ipAddress: string | null; role: string | null };

// Confirm or deny a console code. For a device that is still pending, the approve dialog's fields
// come along: approving the code approves the device in the same step.
export function DecideCodeForm({ code, needsAssignment, hostname, ipAddress, role }: DecideCodeFormProps) {
  const [approved, approveAction, approving] = useActionState(approveCodeAction, idleState);
  const [denied, denyAction, denying] = useActionState(denyCodeAction, idleState);
  const done = approved.status === "ok" ? approved : denied.status === "ok" ? denied : null;
  if (done) {
    return (
      <Notice tone="success" testId="code-decided-now">
        Code {done.data.decision} for {done.data.mac}.
      </Notice>
    );
  }
  const errors = approved.status === "invalid" ? (approved.fieldErrors as Record<string, string[] | undefined>) : {};
  const failure = [approved, denied].flatMap((state) => (state.status === "error" || state.status === "invalid" ? [state.message] : []))[0];

  return (
    <div className="space-y-3">
      <form action={approveAction} className="grid max-w-2xl grid-cols-2 gap-3" data-testid="approve-code-form">
        <input type="hidden" name="code" value={code} />
        {needsAssignment ? (
          <>
            <SelectField name="role" label="Role" defaultValue={role ?? ""} errors={errors.role} options={[{ value: "", label: "(choose)" }, { value: "worker", label: "worker" }, { value: "controlplane", label: "controlplane" }]} />
            <FormField name="hostname" label="Hostname" defaultValue={hostname ?? ""} errors={errors.hostname} />
            <FormField name="ipAddress" label="Static IP" defaultValue={ipAddress ?? ""} errors={errors.ipAddress} />
            <FormField name="installDisk" label="Install disk" placeholder="(cluster default)" errors={errors.installDisk} />
          </>
        ) : null}
        <div className="col-span-2">
          <SubmitButton disabled={approving} data-testid="approve-code-submit">
            {needsAssignment ? "Approve device and code" : "Approve code"}
          </SubmitButton>
        </div>
      </form>
      <form action={denyAction}>
        <input type="hidden" name="code" value={code} />
        <SubmitButton variant="danger" disabled={denying} data-testid="deny-code-submit">
          Deny code
        </SubmitButton>
      </form>
      {failure ? (
        <Notice tone="error" testId="decide-code-error">
          {failure}
        </Notice>
      ) : null}
    </div>
  );
}
