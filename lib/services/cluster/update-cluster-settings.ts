import type { Actor } from "@/lib/auth/principal";
import { findClusterSettingsById, writeClusterSettings } from "@/lib/data/cluster-settings";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { clusterSettingsSchema, type ClusterSettingsJson, type UpdateClusterSettingsInput } from "@/lib/schemas/cluster";

type UpdateClusterSettingsOptions = { id: string; input: UpdateClusterSettingsInput; actor: Actor; sourceIp?: string | null };

const editable = [
  "name", "endpoint", "talosVersion", "kubernetesVersion", "installDisk", "installImage", "podSubnets", "serviceSubnets",
  "cniName", "cniUrls", "dnsDomain", "additionalSans", "allowSchedulingOnControlPlanes", "configPatch", "controlPlanePatch", "workerPatch",
  "autoBootstrap", "kubeconfigTtlHours",
  "approvalProof",
] as const;

// PUT merges the given fields into the stored settings and validates the whole result again
// (cross-field rules such as CNI URLs), so a bad update changes nothing.
export const updateClusterSettings = async ({ id, input, actor, sourceIp }: UpdateClusterSettingsOptions): Promise<ClusterSettingsJson> =>
  inTransaction(async (tx) => {
    const record = await findClusterSettingsById({ id, db: tx });
    if (!record) throw new AppError("not_found", `cluster settings ${id} not found`);
    const current = record.settings;
    const merged = clusterSettingsSchema.parse(Object.fromEntries(editable.map((key) => [key, input[key] ?? current[key]])));
    const updated = await writeClusterSettings({ id, input: merged, db: tx });
    const changed = editable.filter((key) => input[key] !== undefined);
    await recordEvent({ type: "cluster.settings_saved", actor, sourceIp, details: { id, changed } }, tx);

    return updated;
  });
