import { RuleForm } from "@/app/(admin)/rules/_components/rule-form";
import { RulesTable } from "@/app/(admin)/rules/_components/rules-table";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listGroups } from "@/lib/services/groups";
import { listRules } from "@/lib/services/rules";
import { ruleJson } from "@/lib/services/rules";

export const dynamic = "force-dynamic";

export default async function RulesPage() {
  await requireAdmin("/rules");
  const [rules, groups] = await Promise.all([listRules(), listGroups()]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Approval rules</h1>
        <p className="mt-1 text-sm text-slate-600">
          Evaluated when a new machine registers, lowest priority number first; the first enabled rule that matches (every criterion it sets) and is
          under its max matches approves or rejects the machine. Globs use <code>*</code> and <code>?</code>; <code>{"{n}"}</code> in a hostname
          pattern takes the next free number.
        </p>
        <p className="mt-1 text-sm text-amber-800" data-testid="rules-gate-note">
          What a machine reports (MAC, UUID, serial, arch) is chosen by whoever sends the request, so a rule approves only requests from the source
          subnets it names, whose address was verified as bound to the MAC; approving as controlplane needs &quot;Allow approving as
          controlplane&quot;. A rule without source subnets (every rule saved before this check existed) approves nothing until you add them.
        </p>
      </div>
      <RulesTable rules={rules.map(ruleJson)} groupNames={new Map(groups.map((group) => [group.id, group.name]))} />
      <h2 className="text-base font-semibold">New rule</h2>
      <RuleForm groups={groups.map(({ id, name }) => ({ id, name }))} />
    </div>
  );
}
