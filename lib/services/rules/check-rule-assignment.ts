import { AppError } from "@/lib/domain/errors";
import { isHostInSubnet, subnetOf } from "@/lib/domain/boot/ipv4";
import { prisma } from "@/lib/db/client";
import type { CreateRuleInput } from "@/lib/schemas/rule";

// What zod cannot know: the group exists, an approving rule ends up with a role (its own or its
// group's), a controlplane role from the group is allowed explicitly, and a pool lies inside
// ktizo's subnet once the network is configured.
export const checkRuleAssignment = async (rule: CreateRuleInput): Promise<void> => {
  const group = rule.groupId ? await prisma.deviceGroup.findUnique({ where: { id: rule.groupId } }) : null;
  if (rule.groupId && !group) {
    throw new AppError("validation_failed", `group ${rule.groupId} does not exist`, [{ path: "groupId", message: "no such group" }]);
  }
  if (rule.action === "approve" && !rule.role && !group?.role) {
    const message = "an approving rule needs a role, or a group that has one";
    throw new AppError("validation_failed", message, [{ path: "role", message }]);
  }
  if (rule.action === "approve" && !rule.role && group?.role === "controlplane" && !rule.allowControlPlane) {
    const message = `group ${group.name} assigns controlplane: a rule approving as controlplane needs allowControlPlane`;
    throw new AppError("validation_failed", message, [{ path: "allowControlPlane", message }]);
  }
  if (!rule.ipPoolStart || !rule.ipPoolEnd) return;
  const network = await prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" } });
  const subnet = network ? subnetOf({ ip: network.serverIp, netmask: network.netmask }) : null;
  if (!subnet) return;
  for (const field of ["ipPoolStart", "ipPoolEnd"] as const) {
    if (!isHostInSubnet(rule[field]!, subnet)) {
      const message = `${rule[field]} is not a host address in ktizo's network`;
      throw new AppError("validation_failed", message, [{ path: field, message }]);
    }
  }
};
