"use client";

import { useActionState } from "react";
import { applyNetworkSettingsAction } from "@/app/(admin)/network/actions";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import type { ApplyNetworkResult } from "@/lib/schemas/network";

type ApplyPanelProps = {
  state: "not_saved" | "never_applied" | "applied" | "changed" | "error";
  rendered: string | null;
  appliedAt: string;
  error: string | null;
};

const labels: Record<ApplyPanelProps["state"], { text: string; tone: string }> = {
  not_saved: { text: "Not saved yet", tone: "bg-slate-100 text-slate-700" },
  never_applied: { text: "Never applied", tone: "bg-amber-100 text-amber-900" },
  // The file is current; whether dnsmasq runs it is the worker card's and Apply's answer.
  applied: { text: "Written to dnsmasq.conf", tone: "bg-slate-100 text-slate-800" },
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
      {pending ? (
        <p role="status" data-testid="network-applying" className="flex items-center gap-2 text-sm text-slate-600">
          <span aria-hidden className="inline-block size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700" />
          Writing the config and waiting for the worker to report what dnsmasq did with it…
        </p>
      ) : null}
      {result.status === "ok" ? <ApplyOutcome result={result.data} /> : null}
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

// Green only when the worker reports dnsmasq running exactly this config.
function ApplyOutcome({ result }: { result: ApplyNetworkResult }) {
  const written = `Written to compiled/dnsmasq/dnsmasq.conf (dnsmasq --test: ${result.dnsmasqTest}, sha256 ${result.configHash.slice(0, 12)}…).`;
  if (result.dnsmasq === "running") {
    return (
      <Notice tone="success" testId="network-applied">
        Applied: dnsmasq is running this config. {written}
      </Notice>
    );
  }
  if (result.dnsmasq === "refused") {
    return (
      <Notice tone="error" testId="network-apply-refused">
        <span className="block font-medium">dnsmasq refused the new config:</span>
        <span className="block whitespace-pre-wrap font-mono text-xs">{result.dnsmasqMessage}</span>
        <span className="block">{result.servingPrevious ? "dnsmasq is still serving the previous config." : "dnsmasq is not running."}</span>
      </Notice>
    );
  }

  return (
    <Notice tone="error" testId="network-apply-unavailable">
      {written} Not running yet: {result.dnsmasqMessage}
    </Notice>
  );
}
