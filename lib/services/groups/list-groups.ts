import { listGroups as listGroupRows } from "@/lib/data/groups";
import type { GroupJson } from "@/lib/schemas/group";

export const listGroups = (): Promise<GroupJson[]> => listGroupRows();
