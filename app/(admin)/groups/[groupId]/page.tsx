import Link from "next/link";
import { notFound } from "next/navigation";
import { GroupForm } from "@/app/(admin)/groups/_components/group-form";
import { deleteGroupAction } from "@/app/(admin)/groups/actions";
import { DeleteButton } from "@/app/_components/delete-button";
import { DetailHeader } from "@/app/_components/detail-header";
import { requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { getGroupOrThrow } from "@/lib/services/groups";
import { previewGroupConfig } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

const roles = ["worker", "controlplane"] as const;

export default async function GroupPage({ params, searchParams }: { params: Promise<{ groupId: string }>; searchParams: Promise<{ role?: string }> }) {
  const [{ groupId }, { role: roleParam }] = await Promise.all([params, searchParams]);
  await requireAdmin(`/groups/${groupId}`);
  const group = await getGroupOrThrow(groupId).catch((error: unknown) => (isAppError(error) ? null : Promise.reject(error)));
  if (!group) notFound();
  const role = roles.find((candidate) => candidate === roleParam) ?? (group.role === "controlplane" ? "controlplane" : "worker");
  // Expected refusals (cluster config not generated, a stored patch no longer merging) are shown, not thrown.
  const preview = await previewGroupConfig({ id: groupId, role }).catch((error: unknown) => (isAppError(error) ? error.message : Promise.reject(error)));

  return (
    <div className="space-y-6">
      <DetailHeader parentHref="/groups" parentLabel="Groups" title={group.name}>
        <DeleteButton id={group.id} action={deleteGroupAction} testId="delete-group">
          Delete group
        </DeleteButton>
      </DetailHeader>
      <GroupForm group={group} />
      <section className="space-y-2" data-testid="group-preview">
        <div className="flex items-center gap-3">
          <h2 className="text-base font-semibold">Merged config of a new {role} in this group (secrets redacted)</h2>
          {roles.map((candidate) => (
            <Link key={candidate} href={`/groups/${group.id}?role=${candidate}`} className="text-sm text-sky-700 hover:underline">
              {candidate}
            </Link>
          ))}
        </div>
        {typeof preview === "string" ? (
          <p className="text-sm text-slate-600">Preview unavailable: {preview}</p>
        ) : (
          <>
            <p className={`text-sm ${preview.validation.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="group-preview-validation">
              {preview.validation.ok ? "Valid against the Talos schema." : `Invalid: ${preview.validation.errors.join("; ")}`}
            </p>
            <pre className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs">{preview.yaml}</pre>
          </>
        )}
      </section>
    </div>
  );
}
