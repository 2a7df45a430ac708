import { AddDeviceButton } from "@/app/(admin)/devices/_components/add-device-dialog";
import { DevicesTable } from "@/app/(admin)/devices/_components/devices-table";
import { EndpointWarning } from "@/app/(admin)/_components/endpoint-warning";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getEndpointWarning } from "@/lib/services/cluster";

export const dynamic = "force-dynamic";

export default async function DevicesPage() {
  await requireAdmin("/devices");
  const warning = await getEndpointWarning();

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Devices</h1>
        <AddDeviceButton />
      </div>
      <EndpointWarning message={warning} />
      <DevicesTable />
    </div>
  );
}
