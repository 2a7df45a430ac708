import Link from "next/link";
import type { RuleJson } from "@/lib/schemas/rule";

const matchText = (rule: RuleJson): string =>
  [
    rule.macPattern && `MAC ${rule.macPattern}`,
    rule.ouiPrefix && `OUI ${rule.ouiPrefix}`,
    rule.uuidPattern && `UUID ${rule.uuidPattern}`,
    rule.serialPattern && `serial ${rule.serialPattern}`,
    rule.arch && `arch ${rule.arch}`,
  ]
    .filter(Boolean)
    .join(", ");

const assignText = (rule: RuleJson, groupNames: Map<string, string>): string =>
  [
    rule.role,
    rule.groupId && `group ${groupNames.get(rule.groupId) ?? "?"}`,
    rule.hostnamePattern,
    rule.ipPoolStart && `${rule.ipPoolStart}–${rule.ipPoolEnd}`,
  ]
    .filter(Boolean)
    .join(", ");

export function RulesTable({ rules, groupNames }: { rules: RuleJson[]; groupNames: Map<string, string> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="rules-table">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {["Priority", "Name", "Matches", "Action", "Assigns", "Used", "State"].map((heading) => (
              <th key={heading} className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rules.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                No rules yet: every new machine waits for manual approval.
              </td>
            </tr>
          ) : null}
          {rules.map((rule) => (
            <tr key={rule.id} data-testid="rule-row" className={rule.enabled ? "" : "text-slate-400"}>
              <td className="px-3 py-1.5">{rule.priority}</td>
              <td className="px-3 py-1.5 font-medium">
                <Link href={`/rules/${rule.id}`} className="text-sky-700 hover:underline">
                  {rule.name}
                </Link>
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{matchText(rule)}</td>
              <td className="px-3 py-1.5">{rule.action}</td>
              <td className="px-3 py-1.5 text-xs">{assignText(rule, groupNames)}</td>
              <td className="px-3 py-1.5">{rule.maxMatches === null ? rule.matchCount : `${rule.matchCount} / ${rule.maxMatches}`}</td>
              <td className="px-3 py-1.5">{rule.enabled ? "enabled" : "disabled"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
