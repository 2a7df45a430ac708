import { findGroup } from "@/lib/data/groups";
import { AppError } from "@/lib/domain/errors";
import type { GroupJson } from "@/lib/schemas/group";

export const getGroupOrThrow = async (id: string): Promise<GroupJson> => {
  const group = await findGroup(id);
  if (!group) throw new AppError("not_found", `group ${id} not found`);

  return group;
};
