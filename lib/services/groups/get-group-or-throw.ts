import { AppError } from "@/lib/domain/errors";
import { prisma } from "@/lib/db/client";
import { withDeviceCount, type GroupWithCount } from "./group-json";

export const getGroupOrThrow = async (id: string): Promise<GroupWithCount> => {
  const group = await prisma.deviceGroup.findUnique({ where: { id }, include: withDeviceCount });
  if (!group) throw new AppError("not_found", `group ${id} not found`);

  return group;
};
