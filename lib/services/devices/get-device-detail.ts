import { findDeviceWithGroupName } from "@/lib/data/devices";
import type { DeviceJson } from "@/lib/schemas/device";
import { deviceJson } from "./device-json";

export type DeviceDetail = DeviceJson & { groupName: string | null };

// A device with its group's name (the Device detail page); null when there is no such device.
export const getDeviceDetail = async (id: string): Promise<DeviceDetail | null> => {
  const row = await findDeviceWithGroupName(id);

  return row ? { ...deviceJson(row.device), groupName: row.groupName } : null;
};
