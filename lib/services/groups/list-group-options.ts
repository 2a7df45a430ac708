import { listGroupOptions as listOptions, type GroupOption } from "@/lib/data/groups";

export type { GroupOption };

// The choices of a group picker: id and name of every group, by name.
export const listGroupOptions = (): Promise<GroupOption[]> => listOptions();
