"use client";

import type { FormEvent } from "react";
import { updateDevice } from "@/app/(admin)/devices/_components/device-api";
import { SelectInput, TextInput } from "@/app/(admin)/devices/_components/text-input";
import { useDeviceMutation } from "@/app/(admin)/devices/_components/use-device-mutation";
import type { DeviceJson } from "@/lib/schemas/device";

type EditDeviceFormProps = { device: DeviceJson; groups: { id: string; name: string }[] };

// Edit hostname, IP, role, group, disk, notes and boot action; an empty field clears the value.
export function EditDeviceForm({ device, groups }: EditDeviceFormProps) {
  const mutation = useDeviceMutation((values: Record<string, string>) => updateDevice(device.id, values));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>);
  };

  return (
    <form onSubmit={submit} className="grid max-w-2xl grid-cols-2 gap-3" data-testid="edit-device-form">
      <TextInput label="Hostname" name="hostname" defaultValue={device.hostname ?? ""} />
      <TextInput label="Static IP" name="ipAddress" defaultValue={device.ipAddress ?? ""} />
      <SelectInput label="Role" name="role" defaultValue={device.role ?? ""}>
        <option value="">(none)</option>
        <option value="worker">worker</option>
        <option value="controlplane">controlplane</option>
      </SelectInput>
      <SelectInput label="Group" name="groupId" defaultValue={device.groupId ?? ""}>
        <option value="">(none)</option>
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </SelectInput>
      <TextInput label="Install disk" name="installDisk" defaultValue={device.installDisk ?? ""} />
      <SelectInput label="Boot action" name="bootAction" defaultValue={device.bootAction}>
        <option value="install">install</option>
        <option value="local">local</option>
        <option value="reinstall">reinstall</option>
      </SelectInput>
      <SelectInput label="Approval proof" name="approvalProof" defaultValue={device.approvalProof ?? ""}>
        <option value="">(inherit from group / cluster)</option>
        <option value="token">token</option>
        <option value="console-code">console-code</option>
      </SelectInput>
      <div className="col-span-2">
        <TextInput label="Notes" name="notes" defaultValue={device.notes ?? ""} />
      </div>
      <div className="col-span-2 flex items-center gap-3">
        <button type="submit" disabled={mutation.isPending} data-testid="save-device" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
          Save
        </button>
        {mutation.error ? <span data-testid="save-device-error" className="text-sm text-red-700">{mutation.error.message}</span> : null}
        {mutation.isSuccess ? <span className="text-sm text-emerald-700">Saved.</span> : null}
      </div>
    </form>
  );
}
