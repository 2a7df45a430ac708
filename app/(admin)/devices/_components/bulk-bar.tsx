"use client";

import { useState } from "react";
import { bulkDevices } from "@/app/(admin)/devices/_components/device-api";
import { useDeviceMutation } from "@/app/(admin)/devices/_components/use-device-mutation";

type BulkBarProps = { ids: string[]; onDone: () => void };

// Acts on the selected rows; the answer names the devices that failed and why.
export function BulkBar({ ids, onDone }: BulkBarProps) {
  const [role, setRole] = useState("worker");
  const [failures, setFailures] = useState<string[]>([]);
  const mutation = useDeviceMutation(bulkDevices, (result) => {
    setFailures(result.failed.map((failure) => failure.message));
    onDone();
  });
  const run = (action: "approve" | "reject" | "delete") => mutation.mutate({ action, ids, ...(action === "approve" ? { role } : {}) });

  return (
    <div data-testid="bulk-bar" className="flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
      <span data-testid="bulk-count">{ids.length} selected</span>
      <select aria-label="Role for bulk approve" value={role} onChange={(event) => setRole(event.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1">
        <option value="worker">worker</option>
        <option value="controlplane">controlplane</option>
      </select>
      <button type="button" data-testid="bulk-approve" disabled={!ids.length || mutation.isPending} onClick={() => run("approve")} className="rounded bg-emerald-700 px-2.5 py-1 text-white disabled:opacity-50">
        Approve
      </button>
      <button type="button" data-testid="bulk-reject" disabled={!ids.length || mutation.isPending} onClick={() => run("reject")} className="rounded border border-slate-300 bg-white px-2.5 py-1 disabled:opacity-50">
        Reject
      </button>
      <button
        type="button"
        data-testid="bulk-delete"
        disabled={!ids.length || mutation.isPending}
        onClick={() => window.confirm(`Delete ${ids.length} device(s)?`) && run("delete")}
        className="rounded border border-red-300 bg-white px-2.5 py-1 text-red-700 disabled:opacity-50"
      >
        Delete
      </button>
      {mutation.error ? <span className="text-red-700">{mutation.error.message}</span> : null}
      {failures.length ? <span data-testid="bulk-failures" className="text-red-700">{failures.join("; ")}</span> : null}
    </div>
  );
}
