import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { ruleSourceText } from "@/lib/domain/rules/rule-source-text";
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

function SourceCell({ rule }: { rule: RuleJson }) {
  const text = ruleSourceText(rule);

  return (
    <td className="px-3 py-1.5 text-xs" data-testid="rule-source">
      <span className={text.warning ? "text-amber-800" : "font-mono"}>{text.subnets}</span>
      {text.controlPlane ? <span className="block text-slate-600">{text.controlPlane}</span> : null}
    </td>
  );
}

export function RulesTable({ rules, groupNames }: { rules: RuleJson[]; groupNames: Map<string, string> }) {
  return (
    <DataTable testId="rules-table" headings={["Priority", "Name", "Matches", "Source", "Action", "Assigns", "Used", "State"]} empty={rules.length === 0 ? "No rules yet: every new machine waits for manual approval." : null}>
      {rules.map((rule) => (
        <tr key={rule.id} data-testid="rule-row" className={rule.enabled ? "" : "text-slate-400"}>
          <td className="px-3 py-1.5">{rule.priority}</td>
          <td className="px-3 py-1.5 font-medium">
            <Link href={`/rules/${rule.id}`} className="text-sky-700 hover:underline">
              {rule.name}
            </Link>
          </td>
          <td className="px-3 py-1.5 font-mono text-xs">{matchText(rule)}</td>
          <SourceCell rule={rule} />
          <td className="px-3 py-1.5">{rule.action}</td>
          <td className="px-3 py-1.5 text-xs">{assignText(rule, groupNames)}</td>
          <td className="px-3 py-1.5">{rule.maxMatches === null ? rule.matchCount : `${rule.matchCount} / ${rule.maxMatches}`}</td>
          <td className="px-3 py-1.5">{rule.enabled ? "enabled" : "disabled"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
