import type { Actor } from "@/lib/auth/principal";
import { inTransaction } from "@/lib/data/db";
import { removeGroup } from "@/lib/data/groups";
import { listRuleNamesForGroup } from "@/lib/data/rules";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { getGroupOrThrow } from "./get-group-or-throw";

type DeleteGroupOptions = { id: string; actor: Actor; sourceIp: string | null };

// Refused while a rule assigns the group: such a rule may rely on the group's role and would
// silently stop approving. Member devices simply leave the group.
export const deleteGroup = async ({ id, actor, sourceIp }: DeleteGroupOptions): Promise<void> => {
  const group = await getGroupOrThrow(id);
  const rules = await listRuleNamesForGroup(id);
  if (rules.length > 0) throw new AppError("conflict", `group ${group.name} is used by rule(s) ${rules.join(", ")}`);
  await inTransaction(async (tx) => {
    await removeGroup({ id, db: tx });
    await recordEvent({ type: "group.deleted", actor, sourceIp, details: { groupId: id, name: group.name, devices: group.deviceCount } }, tx);
  });
};
