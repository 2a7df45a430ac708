import { prisma } from "@/lib/db/client";
import { withDeviceCount, type GroupWithCount } from "./group-json";

export const listGroups = (): Promise<GroupWithCount[]> =>
  prisma.deviceGroup.findMany({ orderBy: { name: "asc" }, include: withDeviceCount });
