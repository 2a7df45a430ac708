"use client";

import { useState } from "react";
import { ApproveDialog } from "@/app/(admin)/devices/_components/approve-dialog";
import { rejectDevice, updateDevice } from "@/app/(admin)/devices/_components/device-api";
import { useDeviceMutation } from "@/app/(admin)/devices/_components/use-device-mutation";
import type { DeviceJson } from "@/lib/schemas/device";

const linkButton = "rounded px-2 py-0.5 text-xs font-medium hover:bg-slate-100 disabled:opacity-50";

// Approve (dialog), Reject and Reinstall for one device; shown in the table and on the detail page.
export function RowActions({ device }: { device: DeviceJson }) {
  const [approving, setApproving] = useState(false);
  const reject = useDeviceMutation(() => rejectDevice(device.id));
  const reinstall = useDeviceMutation(() => updateDevice(device.id, { bootAction: "reinstall" }));
  const error = reject.error ?? reinstall.error;

  return (
    <div className="flex items-center justify-end gap-1">
      {device.status !== "approved" ? (
        <button type="button" data-testid="approve-device" onClick={() => setApproving(true)} className={`${linkButton} text-emerald-700`}>
          Approve
        </button>
      ) : null}
      {device.status !== "rejected" ? (
        <button type="button" data-testid="reject-device" disabled={reject.isPending} onClick={() => reject.mutate(undefined)} className={`${linkButton} text-slate-700`}>
          Reject
        </button>
      ) : null}
      {device.status === "approved" && device.bootAction !== "reinstall" ? (
        <button
          type="button"
          data-testid="reinstall-device"
          disabled={reinstall.isPending}
          onClick={() => window.confirm(`Reinstall ${device.hostname ?? device.mac}? Its system disk is wiped on the next PXE boot.`) && reinstall.mutate(undefined)}
          className={`${linkButton} text-amber-700`}
        >
          Reinstall
        </button>
      ) : null}
      {error ? <span className="text-xs text-red-700">{error.message}</span> : null}
      {approving ? <ApproveDialog device={device} onClose={() => setApproving(false)} /> : null}
    </div>
  );
}
