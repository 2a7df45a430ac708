"use client";

import { useActionState } from "react";
import { generateConfigAction } from "@/app/(admin)/cluster/actions";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

type GenerateConfigFormProps = { talosctl: { available: boolean; reason: string }; ready: boolean };

export function GenerateConfigForm({ talosctl, ready }: GenerateConfigFormProps) {
  const [state, action, pending] = useActionState(generateConfigAction, idleState);

  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" data-testid="generate-config-form">
        <div className="space-y-1">
          <label htmlFor="generator" className="block text-sm font-medium text-slate-700">
            Generator
          </label>
          <select id="generator" name="generator" defaultValue="builtin" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            <option value="builtin">built-in</option>
            <option value="talosctl" disabled={!talosctl.available}>
              talosctl{talosctl.available ? "" : " (not installed)"}
            </option>
          </select>
        </div>
        <SubmitButton disabled={pending || !ready} data-testid="generate-config">
          Generate configuration
        </SubmitButton>
      </form>
      <p className="text-xs text-slate-500">talosctl: {talosctl.reason}</p>
      {state.status === "ok" ? (
        <Notice tone="success" testId="config-generated">
          Generated with {state.data.generator} at {state.data.generatedAt}; validation {state.data.validation.ok ? "passed" : "failed"}.
        </Notice>
      ) : null}
      {state.status === "error" || state.status === "invalid" ? (
        <Notice tone="error" testId="config-error">
          <span className="whitespace-pre-line">{state.message}</span>
        </Notice>
      ) : null}
    </div>
  );
}
