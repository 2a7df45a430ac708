import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { RulesTable } from "@/app/(admin)/rules/_components/rules-table";
import { prisma } from "@/lib/db/client";
import { listRules, ruleJson } from "@/lib/services/rules";

// The Rules page lists, per rule, where it may act: an approving rule acts only on requests from
// the source subnets it names (docs/security.md), so the table must show them, say when a rule
// approves nothing, and say when it may approve as controlplane.
const rowsOfPage = async (): Promise<string[]> => {
  const html = renderToStaticMarkup(createElement(RulesTable, { rules: (await listRules()).map(ruleJson), groupNames: new Map() }));

  return html.split('data-testid="rule-row"').slice(1);
};

const sourceCellOf = (row: string): string => {
  const cell = /data-testid="rule-source">(.*?)<\/td>/.exec(row)?.[1] ?? "";

  return cell.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
};

beforeEach(async () => {
  await prisma.approvalRule.deleteMany();
});

describe("the rules table", () => {
  it("shows each rule's source subnets, an inert approving rule, and allowControlPlane", async () => {
    await prisma.approvalRule.createMany({
      data: [
        { name: "lab", priority: 1, action: "approve", sourceSubnets: ["10.42.0.0/24", "10.43.0.0/24"] },
        { name: "cp", priority: 2, action: "approve", role: "controlplane", sourceSubnets: ["10.44.0.0/24"], allowControlPlane: true },
        { name: "legacy", priority: 3, action: "approve" },
        { name: "deny", priority: 4, action: "reject", macPattern: "02:*" },
      ],
    });
    const rows = await rowsOfPage();
    expect(rows).toHaveLength(4);
    expect(rows.map(sourceCellOf)).toEqual([
      "10.42.0.0/24, 10.43.0.0/24",
      "10.44.0.0/24 may approve as controlplane",
      "no subnets: approves nothing",
      "any source",
    ]);
  });
});
