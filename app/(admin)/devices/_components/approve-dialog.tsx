"use client";

import type { FormEvent } from "react";
import { approveDevice, withoutEmpty } from "@/app/(admin)/devices/_components/device-api";
import { Dialog } from "@/app/(admin)/devices/_components/dialog";
import { SelectInput, TextInput } from "@/app/(admin)/devices/_components/text-input";
import { useDeviceMutation } from "@/app/(admin)/devices/_components/use-device-mutation";
import { fieldError } from "@/lib/query/fetch-json";
import type { DeviceJson } from "@/lib/schemas/device";

type ApproveDialogProps = { device: Pick<DeviceJson, "id" | "mac" | "hostname" | "ipAddress" | "installDisk" | "role">; onClose: () => void };

// Approval needs a role; hostname, static IP and install disk are optional (docs/devices.md).
export function ApproveDialog({ device, onClose }: ApproveDialogProps) {
  const mutation = useDeviceMutation(
    (values: Record<string, string>) => approveDevice(device.id, { role: values.role ?? "", ...withoutEmpty(values) }),
    onClose,
  );
  const errorFor = (field: string) => fieldError(mutation.error, field);
  // Values typed before a refused approval stay in the inputs (the form is not reset; defaults are only initial).
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    mutation.mutate(values);
  };

  return (
    <Dialog title={`Approve ${device.mac}`} testId="approve-dialog" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <SelectInput label="Role" name="role" defaultValue={device.role ?? "worker"} error={errorFor("role")} required>
          <option value="worker">worker</option>
          <option value="controlplane">controlplane</option>
        </SelectInput>
        <TextInput label="Hostname" name="hostname" defaultValue={device.hostname ?? ""} placeholder="worker-1" error={errorFor("hostname")} />
        <TextInput label="Static IP (optional)" name="ipAddress" defaultValue={device.ipAddress ?? ""} placeholder="10.0.0.21" error={errorFor("ipAddress")} />
        <TextInput label="Install disk (optional)" name="installDisk" defaultValue={device.installDisk ?? ""} placeholder="/dev/sda" error={errorFor("installDisk")} />
        {mutation.error && !["role", "hostname", "ipAddress", "installDisk"].some((field) => errorFor(field)) ? (
          <p role="status" data-testid="approve-error" className="text-sm text-red-700">
            {mutation.error.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
          <button type="submit" disabled={mutation.isPending} data-testid="approve-submit" className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
            {mutation.isPending ? "Approving…" : "Approve"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
