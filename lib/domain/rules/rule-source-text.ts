// What the Rules table says about where a rule may act (docs/security.md, "Approval rules cannot
// open the gate alone"): the source subnets it names, or why it approves nothing, and whether it
// may approve as controlplane. The admin sees at a glance which rules are inert.
export type RuleSourceFacts = { action: string; sourceSubnets: readonly string[]; allowControlPlane: boolean };

export type RuleSourceText = { subnets: string; warning: boolean; controlPlane: string | null };

export const ruleSourceText = ({ action, sourceSubnets, allowControlPlane }: RuleSourceFacts): RuleSourceText => {
  const approve = action === "approve";
  if (sourceSubnets.length === 0) {
    return approve
      ? { subnets: "no subnets: approves nothing", warning: true, controlPlane: null }
      : { subnets: "any source", warning: false, controlPlane: null };
  }

  return { subnets: sourceSubnets.join(", "), warning: false, controlPlane: approve && allowControlPlane ? "may approve as controlplane" : null };
};
