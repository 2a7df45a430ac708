"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect } from "react";
import { startAssetImportAction } from "@/app/(admin)/network/actions";
import { SelectField } from "@/app/_components/select-field";
import { FormField } from "@/app/_components/form-field";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { idleState } from "@/lib/actions/action-state";
import { assetFileNames } from "@/lib/domain/boot-assets";
import { fetchJson } from "@/lib/query/fetch-json";
import type { AssetImportJson, LocalAssetJson } from "@/lib/schemas/asset";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";

type ImportsAnswer = { items: AssetImportJson[]; local: LocalAssetJson[] };
type AssetImportsProps = { initialImports: AssetImportJson[]; local: LocalAssetJson[] };

export const assetImportsQueryKey = ["asset-imports"] as const;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const running = (items: AssetImportJson[]) => items.some((item) => item.status === "queued" || item.status === "downloading");

// Imports run on the server in the background; this polls their progress once a second while any runs.
export function AssetImports({ initialImports, local }: AssetImportsProps) {
  const queryClient = useQueryClient();
  const [state, action, pending] = useActionState(startAssetImportAction, idleState);
  const { data } = useQuery({
    queryKey: assetImportsQueryKey,
    queryFn: () => fetchJson<ImportsAnswer>("/api/v1/assets/imports"),
    initialData: { items: initialImports, local },
    refetchInterval: (query) => (running(query.state.data?.items ?? []) ? 1_000 : false),
  });
  useEffect(() => {
    if (state.status === "ok") void queryClient.invalidateQueries({ queryKey: assetImportsQueryKey });
  }, [state, queryClient]);
  const errors = state.status === "invalid" ? (state.fieldErrors as Record<string, string[] | undefined>) : {};

  return (
    <div className="space-y-4">
      <div>
        <h3 className="text-sm font-medium">On disk</h3>
        {data.local.length === 0 ? (
          <p className="text-sm text-slate-500">No local assets.</p>
        ) : (
          <ul className="text-sm" data-testid="local-assets">
            {data.local.map((asset) => (
              <li key={`${asset.talosVersion}/${asset.fileName}`} className="font-mono text-xs">
                {asset.talosVersion}/{asset.fileName} — {mb(asset.size)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <form action={action} className="grid gap-3 md:grid-cols-4" data-testid="asset-import-form">
        <div className="md:col-span-2">
          <FormField name="url" label="Import from URL" placeholder={`https://factory.talos.dev/image/<schematic>/${talosDefaults.talosVersion}/kernel-amd64`} errors={errors.url} required />
        </div>
        <FormField name="talosVersion" label="Talos version" placeholder={talosDefaults.talosVersion} errors={errors.talosVersion} required />
        <SelectField name="fileName" label="Save as" options={assetFileNames.map((name) => ({ value: name, label: name }))} errors={errors.fileName} />
        <div className="md:col-span-3">
          <FormField name="sha256" label="Expected sha256 (optional)" errors={errors.sha256} />
        </div>
        <div className="flex items-end">
          <SubmitButton disabled={pending} data-testid="start-asset-import">
            Import
          </SubmitButton>
        </div>
      </form>
      {state.status === "error" ? (
        <Notice tone="error" testId="asset-import-error">
          {state.message}
        </Notice>
      ) : null}
      <ul className="space-y-2" data-testid="asset-imports">
        {data.items.map((item) => (
          <li key={item.id} className="space-y-1 rounded border border-slate-200 p-2 text-xs" data-testid="asset-import" data-status={item.status}>
            <div className="flex justify-between gap-2">
              <span className="font-mono">
                {item.talosVersion}/{item.fileName}
              </span>
              <span>
                {item.status} · {mb(item.bytesDone)}
                {item.bytesTotal ? ` of ${mb(item.bytesTotal)}` : ""}
              </span>
            </div>
            <progress className="h-2 w-full" max={item.bytesTotal ?? undefined} value={item.status === "done" ? item.bytesTotal ?? item.bytesDone : item.bytesDone} />
            {item.sha256 ? <div className="font-mono break-all text-slate-600">sha256 {item.sha256}</div> : null}
            {item.error ? <div className="text-red-700">{item.error}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
