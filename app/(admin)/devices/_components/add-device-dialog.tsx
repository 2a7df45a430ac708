"use client";

import { useState, type FormEvent } from "react";
import { createDevice, withoutEmpty } from "@/app/(admin)/devices/_components/device-api";
import { Dialog } from "@/app/(admin)/devices/_components/dialog";
import { SelectInput, TextInput } from "@/app/(admin)/devices/_components/text-input";
import { useDeviceMutation } from "@/app/(admin)/devices/_components/use-device-mutation";

// "Add device": enter a machine by MAC before it boots, pending or approved at once.
export function AddDeviceButton() {
  const [open, setOpen] = useState(false);
  const mutation = useDeviceMutation((values: Record<string, string>) => createDevice(withoutEmpty(values)), () => setOpen(false));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>);
  };

  return (
    <>
      <button type="button" data-testid="add-device" onClick={() => { mutation.reset(); setOpen(true); }} className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Add device
      </button>
      {open ? (
        <Dialog title="Add device" testId="add-device-dialog" onClose={() => setOpen(false)}>
          <form onSubmit={submit} className="space-y-3">
            <TextInput label="MAC address" name="mac" required placeholder="52:54:00:aa:bb:cc" />
            <SelectInput label="Status" name="status" defaultValue="pending">
              <option value="pending">pending</option>
              <option value="approved">approved</option>
            </SelectInput>
            <SelectInput label="Role" name="role" defaultValue="">
              <option value="">(none)</option>
              <option value="worker">worker</option>
              <option value="controlplane">controlplane</option>
            </SelectInput>
            <TextInput label="Hostname" name="hostname" />
            <TextInput label="Static IP" name="ipAddress" />
            <TextInput label="Install disk" name="installDisk" />
            <TextInput label="Notes" name="notes" />
            {mutation.error ? (
              <p role="status" data-testid="add-device-error" className="text-sm text-red-700">
                {mutation.error.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Cancel
              </button>
              <button type="submit" data-testid="add-device-submit" disabled={mutation.isPending} className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
                Add
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
