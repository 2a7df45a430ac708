import type { Tx } from "@/lib/data/db";
import { writeDevice, type DeviceRow as Device } from "@/lib/data/device-rows";
import { claimRuleMatch, listEnabledRulesWithGroup, type RuleWithGroup } from "@/lib/data/rules";
import { isUniqueViolation } from "@/lib/data/unique-violation";
import { candidateRules } from "@/lib/domain/rules/match-rule";
import { recordEvent } from "@/lib/events/record-event";
import { ruleGateBlock, type GateSubject } from "@/lib/domain/rules/rule-gate";
import { pickRuleAssignment } from "./pick-rule-assignment";

type ApplyApprovalRulesOptions = { device: Device; tx: Tx; gate: GateSubject };

// A unique-index race (another registration took the same name or address between our read and
// write) is retried with the loser's values excluded; a few rounds settle any realistic burst.
const maxAssignmentRounds = 5;

// Runs inside the registration transaction of a newly created pending device. The first enabled,
// matching, not exhausted rule (priority order) decides; the device comes back approved or
// rejected, or null when no rule acted. A rule whose names or pool are used up, or whose
// approval would have no role, steps aside for the next one.
// The gate (rule-gate.ts) comes first: a rule whose subnets or identity requirement the request
// does not meet is not a candidate at all.
export const applyApprovalRules = async ({ device, tx, gate }: ApplyApprovalRulesOptions): Promise<Device | null> => {
  if (device.status !== "pending") return null;
  const rules = await listEnabledRulesWithGroup(tx);
  const open = rules.filter((rule) => ruleGateBlock({ action: rule.action, sourceSubnets: rule.sourceSubnets }, gate) === null);
  for (const rule of candidateRules(open, device)) {
    const decided = await applyRule({ rule, device, tx });
    if (decided) return decided;
  }

  return null;
};

const applyRule = async ({ rule, device, tx }: { rule: RuleWithGroup; device: Device; tx: Tx }): Promise<Device | null> => {
  const approve = rule.action === "approve";
  const role = rule.role ?? rule.group?.role ?? null;
  if (approve && !role) return null;
  // Refused at save too; a group whose role changed to controlplane later must not slip through.
  if (approve && role === "controlplane" && !rule.allowControlPlane) return null;
  const hostnamePattern = approve ? (rule.hostnamePattern ?? rule.group?.hostnamePattern ?? null) : null;
  const pool = approve && rule.ipPoolStart && rule.ipPoolEnd ? { start: rule.ipPoolStart, end: rule.ipPoolEnd } : null;
  const avoid = { hostnames: [] as string[], ips: [] as string[] };
  let claimed = false;
  for (let round = 0; round < maxAssignmentRounds; round += 1) {
    const picked = await pickRuleAssignment({ tx, mac: device.mac, hostnamePattern, pool, avoid });
    if (!picked) return null;
    // Claimed once, conditionally (lib/data/rules.ts): maxMatches stays exact under concurrent registrations.
    if (!claimed) {
      if (!(await claimRuleMatch({ id: rule.id, maxMatches: rule.maxMatches, tx }))) return null;
      claimed = true;
    }
    try {
      return await decide({ rule, device, tx, role, picked });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (picked.hostname) avoid.hostnames.push(picked.hostname);
      if (picked.ipAddress) avoid.ips.push(picked.ipAddress);
    }
  }
  throw new Error(`rule ${rule.id}: no unique hostname/IP after ${maxAssignmentRounds} rounds`);
};

type DecideOptions = { rule: RuleWithGroup; device: Device; tx: Tx; role: Device["role"]; picked: { hostname?: string; ipAddress?: string } };

const decide = async ({ rule, device, tx, role, picked }: DecideOptions): Promise<Device> => {
  const approve = rule.action === "approve";
  const updated = await writeDevice({
    tx,
    id: device.id,
    fields: approve
      ? { status: "approved", role, groupId: rule.groupId, ...picked, approvedAt: new Date(), approvedBy: `rule ${rule.name}`, ruleId: rule.id }
      : { status: "rejected", ruleId: rule.id },
  });
  await recordEvent(
    {
      type: approve ? "device.approved" : "device.rejected",
      actor: { type: "rule", id: rule.id, name: rule.name },
      deviceId: device.id,
      details: {
        mac: updated.mac,
        ruleId: rule.id,
        ruleName: rule.name,
        ...(approve ? { role, hostname: updated.hostname, ipAddress: updated.ipAddress, groupId: updated.groupId } : {}),
        previousStatus: device.status,
      },
    },
    tx,
  );

  return updated;
};
