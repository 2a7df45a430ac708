import { listRackRows } from "@/lib/data/rack";
import { deviceStage, deviceStages, type DeviceStage } from "@/lib/domain/devices/device-stage";
import { rackLimit, type RackJson } from "@/lib/schemas/device";

// GET /api/v1/devices/rack and the Overview's grid: each device's stage and the count per stage.
export const getRack = async (): Promise<RackJson> => {
  const rows = await listRackRows(rackLimit + 1);
  const shown = rows.slice(0, rackLimit);
  const counts = Object.fromEntries(deviceStages.map((stage) => [stage, 0])) as Record<DeviceStage, number>;
  const devices = shown.map((row) => {
    const stage = deviceStage(row);
    counts[stage] += 1;

    return { id: row.id, mac: row.mac, hostname: row.hostname, stage };
  });

  return { devices, counts, truncated: rows.length > rackLimit };
};
