"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApproveDialog } from "@/app/(admin)/devices/_components/approve-dialog";
import { devicesQueryKey, fetchDevices } from "@/app/(admin)/devices/_components/device-api";
import { formatTime } from "@/app/_components/format-time";
import type { DeviceJson } from "@/lib/schemas/device";

// Overview's queue of machines waiting for a decision, refreshed every 2 s like the Devices table.
export function PendingQueue() {
  const [approving, setApproving] = useState<DeviceJson | null>(null);
  const params = { status: "pending", page: 1, pageSize: 20 };
  const { data } = useQuery({ queryKey: [...devicesQueryKey, params], queryFn: () => fetchDevices(params), refetchInterval: 2_000 });
  const items = data?.items ?? [];

  return (
    <section className="space-y-2" data-testid="pending-queue">
      <h2 className="text-base font-semibold">
        Pending approval {data && data.total > items.length ? `(${items.length} of ${data.total})` : ""}
      </h2>
      {items.length === 0 ? <p className="text-sm text-slate-500">No machine is waiting.</p> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((device) => (
          <li key={device.id} data-testid="pending-device" data-mac={device.mac} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
            <Link href={`/devices/${device.id}`} className="font-mono text-xs text-sky-700 hover:underline">
              {device.mac}
            </Link>
            <span className="flex-1 truncate text-xs text-slate-500">
              {[device.arch, device.serial, device.lastSourceIp].filter(Boolean).join(" · ")} · seen {formatTime(device.lastSeenAt)}
            </span>
            <button type="button" data-testid="pending-approve" onClick={() => setApproving(device)} className="rounded bg-emerald-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-emerald-800">
              Approve
            </button>
          </li>
        ))}
      </ul>
      {approving ? <ApproveDialog device={approving} onClose={() => setApproving(null)} /> : null}
    </section>
  );
}
