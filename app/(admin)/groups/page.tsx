import Link from "next/link";
import { GroupForm } from "@/app/(admin)/groups/_components/group-form";
import { DataTable } from "@/app/_components/data-table";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listGroups } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

export default async function GroupsPage() {
  await requireAdmin("/groups");
  const groups = await listGroups();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Device groups</h1>
        <p className="mt-1 text-sm text-slate-600">
          A device&apos;s config is role base ← cluster patches ← group patch ← device settings. Rules can put new machines into a group.
        </p>
      </div>
      <DataTable testId="groups-table" headings={["Name", "Role", "Install disk", "Hostname pattern", "Patch", "Devices"]} empty={groups.length === 0 ? "No groups yet." : null}>
        {groups.map((group) => (
          <tr key={group.id} data-testid="group-row">
            <td className="px-3 py-1.5 font-medium">
              <Link href={`/groups/${group.id}`} className="text-sky-700 hover:underline">
                {group.name}
              </Link>
            </td>
            <td className="px-3 py-1.5">{group.role ?? "—"}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{group.installDisk ?? "—"}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{group.hostnamePattern ?? "—"}</td>
            <td className="px-3 py-1.5">{group.configPatch.trim() ? `${group.configPatch.split("\n").length} lines` : "—"}</td>
            <td className="px-3 py-1.5">{group.deviceCount}</td>
          </tr>
        ))}
      </DataTable>
      <h2 className="text-base font-semibold">New group</h2>
      <GroupForm />
    </div>
  );
}
