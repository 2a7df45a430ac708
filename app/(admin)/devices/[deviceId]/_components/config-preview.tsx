"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";

type Preview = { yaml: string; validation: { ok: boolean; errors: string[] } };

// The machine config this device would download now, with keys and secrets shown as ***.
export function ConfigPreview({ deviceId }: { deviceId: string }) {
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: ["devices", deviceId, "config"],
    queryFn: () => fetchJson<Preview>(`/api/v1/devices/${deviceId}/config`),
    staleTime: 30_000,
  });

  return (
    <section className="space-y-2" data-testid="config-preview">
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold">Machine config (secrets redacted)</h2>
        <button type="button" onClick={() => refetch()} disabled={isFetching} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm disabled:opacity-50">
          Refresh
        </button>
      </div>
      {isPending ? <p className="text-sm text-slate-500">Rendering…</p> : null}
      {error ? (
        <p data-testid="config-preview-error" className="text-sm text-slate-600">
          No config yet: {error.message}
        </p>
      ) : null}
      {data ? (
        <>
          <p data-testid="config-validation" className={`text-sm ${data.validation.ok ? "text-emerald-700" : "text-red-700"}`}>
            {data.validation.ok ? "Valid for Talos v1.11 (schema and metal checks)." : `Invalid: ${data.validation.errors.join("; ")}`}
          </p>
          <pre data-testid="config-yaml" className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
            {data.yaml}
          </pre>
        </>
      ) : null}
    </section>
  );
}
