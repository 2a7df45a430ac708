"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { BulkBar } from "@/app/(admin)/devices/_components/bulk-bar";
import { devicesQueryKey, fetchDevices } from "@/app/(admin)/devices/_components/device-api";
import { RowActions } from "@/app/(admin)/devices/_components/row-actions";
import { StatusBadge } from "@/app/(admin)/devices/_components/status-badge";
import { useDeviceFeed } from "@/app/(admin)/devices/_components/use-device-feed";
import { formatTime } from "@/app/_components/format-time";

// The live feed (use-device-feed.ts) reloads the list within a second of any device change; the
// slow poll only covers a feed that is reconnecting. The list query is index-backed and answers
// in milliseconds even at 10,000 devices.
const pollMs = 10_000;
const pageSize = 50;

export function DevicesTable() {
  const [status, setStatus] = useState("");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useDeviceFeed();

  // Search as the admin types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 250);

    return () => clearTimeout(timer);
  }, [search]);

  const params = { status, q, page, pageSize };
  const { data, error, isPending } = useQuery({
    queryKey: [...devicesQueryKey, params],
    queryFn: () => fetchDevices(params),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
  // A refused search shows its error, not the previous search's rows.
  const items = error ? [] : (data?.items ?? []);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const allSelected = items.length > 0 && items.every((device) => selected.has(device.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);

      return next;
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">Status</span>
          <select data-testid="status-filter" value={status} onChange={(event) => { setStatus(event.target.value); setPage(1); }} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">All</option>
            <option value="pending">Pending</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
        <label className="flex-1 space-y-1 text-sm">
          <span className="block font-medium text-slate-700">Search</span>
          <input
            data-testid="device-search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="MAC (any form), hostname, IP, UUID or serial"
            className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-1.5"
          />
        </label>
      </div>
      {selected.size > 0 ? <BulkBar ids={[...selected]} onDone={() => setSelected(new Set())} /> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="devices-table">
          <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  data-testid="select-all"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((device) => device.id)))}
                />
              </th>
              <th className="px-3 py-2">MAC</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">Hostname</th>
              <th className="px-3 py-2">IP</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Last seen</th>
              <th className="px-3 py-2 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {error ? (
              <tr>
                <td colSpan={8} role="alert" data-testid="devices-error" className="px-3 py-6 text-center text-red-700">
                  {search ? "The search could not run: " : "The device list could not load: "}
                  {error.message}
                </td>
              </tr>
            ) : null}
            {!isPending && !error && items.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  No devices. Machines appear here when they PXE-boot.
                </td>
              </tr>
            ) : null}
            {items.map((device) => (
              <tr key={device.id} data-testid="device-row" data-mac={device.mac} data-status={device.status}>
                <td className="px-3 py-1.5">
                  <input type="checkbox" aria-label={`Select ${device.mac}`} data-testid="select-device" checked={selected.has(device.id)} onChange={() => toggle(device.id)} />
                </td>
                <td className="px-3 py-1.5 font-mono text-xs">
                  <Link href={`/devices/${device.id}`} className="text-sky-700 hover:underline">
                    {device.mac}
                  </Link>
                </td>
                <td className="px-3 py-1.5"><StatusBadge device={device} /></td>
                <td className="px-3 py-1.5">{device.hostname ?? "—"}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{device.ipAddress ?? "—"}</td>
                <td className="px-3 py-1.5">{device.role ?? "—"}</td>
                <td className="px-3 py-1.5 whitespace-nowrap text-slate-600">{formatTime(device.lastSeenAt)}</td>
                <td className="px-3 py-1.5"><RowActions device={device} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span data-testid="devices-summary">
          Page {page} of {pages} · {data?.total ?? 0} device(s)
        </span>
        <div className="flex gap-2">
          <button type="button" data-testid="page-prev" disabled={page <= 1} onClick={() => setPage(page - 1)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 disabled:opacity-40">
            Previous
          </button>
          <button type="button" data-testid="page-next" disabled={page >= pages} onClick={() => setPage(page + 1)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 disabled:opacity-40">
            Next
          </button>
        </div>
      </div>
    </div>
  );
}
