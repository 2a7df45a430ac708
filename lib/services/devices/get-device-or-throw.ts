import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import type { Device, DeviceGroup } from "@/lib/generated/prisma/client";

export type DeviceWithGroup = Device & { group: DeviceGroup | null };

export const getDeviceOrThrow = async (id: string): Promise<DeviceWithGroup> => {
  const device = await prisma.device.findUnique({ where: { id }, include: { group: true } });
  if (!device) throw new AppError("not_found", `device ${id} not found`);

  return device;
};
