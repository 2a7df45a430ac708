import { AppError } from "@/lib/domain/errors";
import { findDeviceWithGroup, type DeviceWithGroup } from "@/lib/data/device-rows";

export type { DeviceWithGroup };

export const getDeviceOrThrow = async (id: string): Promise<DeviceWithGroup> => {
  const device = await findDeviceWithGroup({ id });
  if (!device) throw new AppError("not_found", `device ${id} not found`);

  return device;
};
