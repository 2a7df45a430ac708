"use client";

import { useActionState } from "react";
import { createRuleAction, updateRuleAction } from "@/app/(admin)/rules/actions";
import { SelectField } from "@/app/_components/select-field";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import type { RuleJson } from "@/lib/schemas/rule";

type RuleFormProps = { rule?: RuleJson; groups: { id: string; name: string }[] };

const textFields = [
  ["macPattern", "MAC pattern (glob)", "52:54:00:*"],
  ["ouiPrefix", "OUI prefix", "52:54:00"],
  ["uuidPattern", "UUID pattern (glob)", "4c4c4544-*"],
  ["serialPattern", "Serial pattern (glob)", "SN-*"],
  ["arch", "Arch", "x86_64"],
  ["hostnamePattern", "Hostname pattern", "worker-{n}"],
  ["ipPoolStart", "IP pool start", "10.0.0.50"],
  ["ipPoolEnd", "IP pool end", "10.0.0.99"],
  ["maxMatches", "Max matches", "unlimited"],
] as const;

// Create (no rule) or edit (rule given) an approval rule; every field error is shown at once. A new rule's
// defaults save as they are (every MAC, as worker): it approves nothing until it names source subnets.
export function RuleForm({ rule, groups }: RuleFormProps) {
  const [state, action, pending] = useActionState(rule ? updateRuleAction : createRuleAction, idleState);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};
  const typed = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const value = (name: keyof RuleJson): string | undefined => typed?.[name] ?? (rule?.[name] === null || rule?.[name] === undefined ? undefined : String(rule[name]));

  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="rule-form">
      {rule ? <input type="hidden" name="id" value={rule.id} /> : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <FormField name="name" label="Name" required maxLength={100} defaultValue={value("name")} errors={errors.name} />
        <FormField name="priority" label="Priority (lower first)" type="number" min={0} defaultValue={value("priority") ?? "100"} errors={errors.priority} />
        <SelectField name="action" label="Action" defaultValue={value("action") ?? "approve"} errors={errors.action} options={[{ value: "approve", label: "approve" }, { value: "reject", label: "reject" }]} />
        <SelectField name="role" label="Role" defaultValue={value("role") ?? (rule ? "" : "worker")} errors={errors.role} options={[{ value: "", label: "(from group)" }, { value: "worker", label: "worker" }, { value: "controlplane", label: "controlplane" }]} />
        <SelectField name="groupId" label="Group" defaultValue={value("groupId") ?? ""} errors={errors.groupId} options={[{ value: "", label: "(none)" }, ...groups.map((group) => ({ value: group.id, label: group.name }))]} />
        {textFields.map(([name, label, placeholder]) => (
          <FormField key={name} name={name} label={label} placeholder={placeholder} defaultValue={value(name) ?? (!rule && name === "macPattern" ? "*" : undefined)} errors={errors[name]} />
        ))}
        <FormField
          name="sourceSubnets"
          label="Source subnets (CIDRs; an approving rule without any approves nothing)"
          placeholder="10.0.0.0/24, 10.1.0.0/24"
          defaultValue={typed?.sourceSubnets ?? rule?.sourceSubnets.join(", ")}
          errors={errors.sourceSubnets}
        />
      </div>
      <div className="flex items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={rule ? rule.enabled : true} /> Enabled
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="allowControlPlane" defaultChecked={rule?.allowControlPlane ?? false} data-testid="checkbox-allowControlPlane" /> Allow approving as
          controlplane
        </label>
        {errors.allowControlPlane ? <span className="text-sm text-red-700">{errors.allowControlPlane.join(" ")}</span> : null}
        {rule ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="resetMatchCount" /> Reset match count ({rule.matchCount})
          </label>
        ) : null}
        <SubmitButton disabled={pending} data-testid="rule-submit">
          {rule ? "Save rule" : "Create rule"}
        </SubmitButton>
      </div>
      {state.status === "invalid" || state.status === "error" ? <Notice tone="error" testId="rule-error">{state.message}</Notice> : null}
      {state.status === "ok" ? <Notice tone="success" testId="rule-saved">Rule {state.data.name} saved.</Notice> : null}
      {state.status === "ok" && state.data.warnings.length > 0 ? (
        <Notice tone="error" testId="rule-warning">
          {state.data.warnings.join(" ")}
        </Notice>
      ) : null}
    </form>
  );
}
