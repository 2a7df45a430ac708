"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { deviceStages, type DeviceStage } from "@/lib/domain/devices/device-stage";
import { fetchJson } from "@/lib/query/fetch-json";
import type { RackJson } from "@/lib/schemas/device";

// Same cadence as the Devices table: a machine that registers or is approved changes color within
// about 2 s without a reload.
const pollMs = 2_000;

const stageStyle: Record<DeviceStage, { label: string; cell: string }> = {
  pending: { label: "Pending", cell: "bg-amber-400" },
  rejected: { label: "Rejected", cell: "bg-red-400" },
  approved: { label: "Approved", cell: "bg-sky-300" },
  booting: { label: "Booting Talos", cell: "bg-sky-600" },
  downloaded: { label: "Config downloaded", cell: "bg-indigo-600" },
  installed: { label: "Installed", cell: "bg-emerald-500" },
};

// The rack as a picture: one cell per device in power-on order, colored by stage; a cell opens the device.
// Filled from GET /api/v1/devices/rack in the browser, not rendered into the Overview's HTML: at a
// few thousand machines the cells made the page a megabyte and hundreds of ms of server time per
// view (docs/benchmarks.md), while the grid polls the same API every 2 s anyway.
export function RackGrid({ initial }: { initial?: RackJson }) {
  const { data, error } = useQuery({
    queryKey: ["devices", "rack"],
    queryFn: () => fetchJson<RackJson>("/api/v1/devices/rack"),
    initialData: initial,
    refetchInterval: pollMs,
  });
  if (!data) {
    return (
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="rack-grid">
        <h2 className="text-base font-semibold">Rack</h2>
        <p className="text-sm text-slate-500">{error ? `Rack unavailable: ${error.message}` : "Loading…"}</p>
      </section>
    );
  }

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="rack-grid">
      <h2 className="text-base font-semibold">Rack</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {deviceStages.map((stage) => (
          <li key={stage} className="flex items-center gap-1.5">
            <span aria-hidden className={`inline-block size-3 rounded-sm ${stageStyle[stage].cell}`} />
            {stageStyle[stage].label}: <strong data-testid={`rack-count-${stage}`}>{data.counts[stage]}</strong>
          </li>
        ))}
      </ul>
      {data.devices.length === 0 ? (
        <p className="text-sm text-slate-500">No machines yet. They appear here when they PXE-boot.</p>
      ) : (
        <div className="flex flex-wrap gap-1" role="list" aria-label="Devices by stage">
          {data.devices.map((device) => (
            <Link
              key={device.id}
              role="listitem"
              href={`/devices/${device.id}`}
              title={`${device.hostname ?? device.mac} · ${stageStyle[device.stage].label}`}
              aria-label={`${device.hostname ?? device.mac}: ${stageStyle[device.stage].label}`}
              data-testid="rack-cell"
              data-mac={device.mac}
              data-stage={device.stage}
              className={`block size-4 rounded-sm ring-sky-900 hover:ring-2 ${stageStyle[device.stage].cell}`}
            />
          ))}
        </div>
      )}
      {data.truncated ? <p className="text-xs text-slate-500">Showing the first {data.devices.length} devices.</p> : null}
    </section>
  );
}
