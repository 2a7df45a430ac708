"use client";

import { useActionState } from "react";
import { createGroupAction, updateGroupAction } from "@/app/(admin)/groups/actions";
import { SelectField } from "@/app/_components/select-field";
import { TextAreaField } from "@/app/_components/text-area-field";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import type { GroupJson } from "@/lib/schemas/group";

// Create (no group) or edit a device group; the patch is checked against the Talos schema.
export function GroupForm({ group }: { group?: GroupJson }) {
  const [state, action, pending] = useActionState(group ? updateGroupAction : createGroupAction, idleState);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};
  const typed = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const value = (name: keyof GroupJson): string => typed?.[name] ?? String(group?.[name] ?? "");

  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="group-form">
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <FormField name="name" label="Name" required maxLength={64} defaultValue={value("name")} errors={errors.name} />
        <SelectField name="role" label="Default role" defaultValue={value("role")} errors={errors.role} options={[{ value: "", label: "(none)" }, { value: "worker", label: "worker" }, { value: "controlplane", label: "controlplane" }]} />
        <SelectField name="approvalProof" label="Approval proof" defaultValue={value("approvalProof")} errors={errors.approvalProof} options={[{ value: "", label: "(inherit from cluster)" }, { value: "token", label: "token" }, { value: "console-code", label: "console-code" }]} />
        <FormField name="installDisk" label="Install disk" placeholder="/dev/sda" defaultValue={value("installDisk")} errors={errors.installDisk} />
        <FormField name="hostnamePattern" label="Hostname pattern" placeholder="rack1-{n}" defaultValue={value("hostnamePattern")} errors={errors.hostnamePattern} />
      </div>
      <TextAreaField
        name="configPatch"
        label="Talos config patch (strategic merge, YAML)"
        hint="Merged after the cluster patches and before the device's own settings. Only keys the Talos v1.11 schema knows."
        rows={8}
        defaultValue={value("configPatch")}
        errors={errors.configPatch}
      />
      <SubmitButton disabled={pending} data-testid="group-submit">
        {group ? "Save group" : "Create group"}
      </SubmitButton>
      {state.status === "invalid" || state.status === "error" ? <Notice tone="error" testId="group-error">{state.message}</Notice> : null}
      {state.status === "ok" ? <Notice tone="success" testId="group-saved">Group {state.data.name} saved.</Notice> : null}
    </form>
  );
}
