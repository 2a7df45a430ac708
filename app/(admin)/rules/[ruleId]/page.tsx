import { notFound } from "next/navigation";
import { RuleForm } from "@/app/(admin)/rules/_components/rule-form";
import { deleteRuleAction } from "@/app/(admin)/rules/actions";
import { DeleteButton } from "@/app/_components/delete-button";
import { DetailHeader } from "@/app/_components/detail-header";
import { formatTime } from "@/app/_components/format-time";
import { requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { dryRunRule } from "@/lib/services/rules";
import { getRuleOrThrow } from "@/lib/services/rules";
import { listGroups } from "@/lib/services/groups";
import { ruleJson } from "@/lib/services/rules";

export const dynamic = "force-dynamic";

export default async function RulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  await requireAdmin(`/rules/${ruleId}`);
  const rule = await getRuleOrThrow(ruleId).catch((error: unknown) => (isAppError(error) ? null : Promise.reject(error)));
  if (!rule) notFound();
  const [groups, dryRun] = await Promise.all([listGroups(), dryRunRule(ruleId)]);

  return (
    <div className="space-y-6">
      <DetailHeader parentHref="/rules" parentLabel="Rules" title={rule.name}>
        <DeleteButton id={rule.id} action={deleteRuleAction} testId="delete-rule">
          Delete rule
        </DeleteButton>
      </DetailHeader>
      <RuleForm rule={ruleJson(rule)} groups={groups.map(({ id, name }) => ({ id, name }))} />
      <section className="space-y-2" data-testid="dry-run">
        <h2 className="text-base font-semibold">Dry run: pending devices this rule matches now</h2>
        <p className="text-sm text-slate-600">
          {dryRun.blockedReason
            ? `The rule would not act: ${dryRun.blockedReason}.`
            : dryRun.wouldAct
              ? "The rule is active."
              : "The rule would not act (disabled or at its max matches)."}
          {dryRun.remaining !== null ? ` ${dryRun.remaining} match(es) left.` : ""}
        </p>
        <p className="text-xs text-slate-500" data-testid="dry-run-gate">
          A rule approves only requests from its source subnets whose address was verified as bound to the MAC (docs/security.md).
        </p>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {dryRun.matches.length === 0 ? <li className="px-3 py-2 text-slate-500">No pending device matches.</li> : null}
          {dryRun.matches.map((device) => (
            <li key={device.id} className="flex gap-4 px-3 py-1.5" data-testid="dry-run-match">
              <span className="font-mono">{device.mac}</span>
              <span>{device.arch ?? ""}</span>
              <span>{device.serial ?? ""}</span>
              <span className="text-slate-500">first seen {formatTime(device.firstSeenAt)}</span>
              <span className="font-mono text-xs">{device.lastSourceIp ?? "—"}</span>
              <span data-testid="dry-run-verdict" className={device.wouldDecide ? "text-emerald-700" : "text-amber-700"}>
                {device.wouldDecide ? `would ${rule.action}` : `blocked: ${device.blockedBy}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
