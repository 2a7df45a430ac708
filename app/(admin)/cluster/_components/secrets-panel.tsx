"use client";

import { useActionState } from "react";
import { generateSecretsAction, importSecretsAction } from "@/app/(admin)/cluster/actions";
import { TextAreaField } from "@/app/_components/text-area-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";

type SecretsPanelProps = { hasSecrets: boolean; secretsGeneratedAt: string | null };

export function SecretsPanel({ hasSecrets, secretsGeneratedAt }: SecretsPanelProps) {
  const [generated, generate, generating] = useActionState(generateSecretsAction, idleState);
  const [imported, importAction, importing] = useActionState(importSecretsAction, idleState);
  const importErrors = imported.status === "invalid" ? imported.fieldErrors : undefined;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="secrets-status">
        {hasSecrets ? `Secrets bundle stored (encrypted), created ${secretsGeneratedAt ?? "earlier"}.` : "No secrets bundle yet."}
      </p>
      <form action={generate} className="flex flex-wrap items-center gap-3" data-testid="generate-secrets-form">
        {hasSecrets ? (
          <label className="flex items-center gap-2 text-sm text-red-700">
            <input type="checkbox" name="force" data-testid="force-secrets" />
            Replace the existing secrets (installed nodes keep the old CAs)
          </label>
        ) : null}
        <SubmitButton disabled={generating} variant={hasSecrets ? "danger" : "primary"} data-testid="generate-secrets">
          Generate secrets
        </SubmitButton>
        {hasSecrets ? (
          <a href="/api/v1/cluster/secrets/export" download="secrets.yaml" className="text-sm text-sky-700 underline" data-testid="export-secrets">
            Export secrets.yaml
          </a>
        ) : null}
      </form>
      {generated.status === "ok" ? <Notice tone="success" testId="secrets-generated">Secrets generated.</Notice> : null}
      {generated.status === "error" || generated.status === "invalid" ? <Notice tone="error" testId="secrets-error">{generated.message}</Notice> : null}
      <details className="rounded-md border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Import an existing secrets.yaml</summary>
        <form action={importAction} className="mt-3 space-y-3" data-testid="import-secrets-form">
          <TextAreaField name="secretsYaml" label="secrets.yaml" hint="Output of talosctl gen secrets." rows={8} errors={importErrors?.secretsYaml} />
          {hasSecrets ? (
            <label className="flex items-center gap-2 text-sm text-red-700">
              <input type="checkbox" name="force" />
              Replace the existing secrets
            </label>
          ) : null}
          <SubmitButton disabled={importing} variant="secondary" data-testid="import-secrets">
            Import
          </SubmitButton>
        </form>
        {imported.status === "ok" ? <Notice tone="success" testId="secrets-imported">Secrets imported.</Notice> : null}
        {imported.status === "error" || imported.status === "invalid" ? <Notice tone="error" testId="import-error">{imported.message}</Notice> : null}
      </details>
    </div>
  );
}
