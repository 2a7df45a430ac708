import "server-only";
import { prisma } from "@/lib/db/client";

export type GroupOption = { id: string; name: string };

// Id and name of every group, by name: the choices of a group picker.
export const listGroupOptions = (): Promise<GroupOption[]> =>
  prisma.deviceGroup.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
