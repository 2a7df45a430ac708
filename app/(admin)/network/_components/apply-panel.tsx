"use client";

import { useActionState } from "react";
import { applyNetworkSettingsAction } from "@/app/(admin)/network/actions";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

type ApplyPanelProps = {
  state: "not_saved" | "never_applied" | "applied" | "changed" | "error";
  rendered: string | null;
  appliedAt: string;
  error: string | null;
};

const labels: Record<ApplyPanelProps["state"], { text: string; tone: string }> = {
  not_saved: { text: "Not saved yet", tone: "bg-slate-100 text-slate-700" },
  never_applied: { text: "Never applied", tone: "bg-amber-100 text-amber-900" },
  applied: { text: "Applied", tone: "bg-emerald-100 text-emerald-900" },
  changed: { text: "Changed since apply", tone: "bg-amber-100 text-amber-900" },
  error: { text: "Cannot render", tone: "bg-red-100 text-red-800" },
};

// The file Apply would write, next to the Apply button: the admin sees exactly what dnsmasq gets.
export function ApplyPanel({ state, rendered, appliedAt, error }: ApplyPanelProps) {
  const [result, action, pending] = useActionState(applyNetworkSettingsAction, idleState);
  const label = labels[state];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="network-apply-state" data-state={state} className={`rounded px-2 py-0.5 text-xs font-medium ${label.tone}`}>
          {label.text}
        </span>
        <span className="text-slate-600">Last applied: {appliedAt}</span>
        <form action={action}>
          <SubmitButton disabled={pending || state === "not_saved" || state === "error"} data-testid="apply-network">
            {pending ? "Applying…" : "Apply"}
          </SubmitButton>
        </form>
      </div>
      {result.status === "ok" ? (
        <Notice tone="success" testId="network-applied">
          Written to compiled/dnsmasq/dnsmasq.conf (dnsmasq --test: {result.data.dnsmasqTest}, sha256 {result.data.configHash.slice(0, 12)}…). The worker restarts dnsmasq.
        </Notice>
      ) : null}
      {result.status === "error" || result.status === "invalid" ? (
        <Notice tone="error" testId="network-apply-error">
          <span className="whitespace-pre-wrap">{result.message}</span>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" testId="network-preview-error">
          {error}
        </Notice>
      ) : null}
      {rendered ? (
        <pre data-testid="dnsmasq-preview" className="max-h-[32rem] overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {rendered}
        </pre>
      ) : (
        <p className="text-sm text-slate-500">Save the settings to see the rendered configuration.</p>
      )}
    </div>
  );
}
