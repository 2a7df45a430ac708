import { AppError } from "@/lib/domain/errors";
import { ipv4RangesOverlap, isHostInSubnet, subnetOf } from "@/lib/domain/net/ipv4";
import { findGroup } from "@/lib/data/groups";
import { findNetworkSettings } from "@/lib/data/network-settings";
import type { CreateRuleInput } from "@/lib/schemas/rule";

// What zod cannot know: the group exists, an approving rule ends up with a role (its own or its
// group's), a controlplane role from the group is allowed explicitly, and a pool lies inside
// ktizo's subnet once the network is configured.
export const checkRuleAssignment = async (rule: CreateRuleInput): Promise<void> => {
  const group = rule.groupId ? await findGroup(rule.groupId) : null;
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
  const network = (await findNetworkSettings())?.input;
  const subnet = network ? subnetOf({ ip: network.serverIp, netmask: network.netmask }) : null;
  if (!subnet) return;
  for (const field of ["ipPoolStart", "ipPoolEnd"] as const) {
    if (!isHostInSubnet(rule[field]!, subnet)) {
      const message = `${rule[field]} is not a host address in ktizo's network`;
      throw new AppError("validation_failed", message, [{ path: field, message }]);
    }
  }
  // Pool addresses become static reservations: none may be one dnsmasq also leases dynamically.
  const pool = { start: rule.ipPoolStart, end: rule.ipPoolEnd };
  if (network?.dhcpMode === "full" && ipv4RangesOverlap(pool, { start: network.dhcpRangeStart, end: network.dhcpRangeEnd })) {
    const message = `the IP pool ${rule.ipPoolStart}–${rule.ipPoolEnd} overlaps the DHCP range ${network.dhcpRangeStart}–${network.dhcpRangeEnd}: pick a pool outside it`;
    throw new AppError("validation_failed", message, [{ path: "ipPoolStart", message }]);
  }
};
