import type { DeviceJson } from "@/lib/schemas/device";

const tones: Record<DeviceJson["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ device }: { device: Pick<DeviceJson, "status" | "provisionedAt" | "bootAction"> }) {
  const label = device.status === "approved" && device.provisionedAt && device.bootAction !== "reinstall" ? "provisioned" : device.status;

  return (
    <span data-testid="device-status" className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[device.status]}`}>
      {label}
      {device.bootAction === "reinstall" ? " · reinstall" : ""}
      {device.bootAction === "local" ? " · local" : ""}
    </span>
  );
}
