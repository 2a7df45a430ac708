import type { Actor } from "@/lib/auth/principal";
import { findClusterSettings, insertClusterSettings } from "@/lib/data/cluster-settings";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { ClusterSettingsInput, ClusterSettingsJson } from "@/lib/schemas/cluster";

type CreateClusterSettingsOptions = { input: ClusterSettingsInput; actor: Actor; sourceIp?: string | null };

// POST creates the single ClusterSettings row; a second one is a conflict (use PUT).
export const createClusterSettings = async ({ input, actor, sourceIp }: CreateClusterSettingsOptions): Promise<ClusterSettingsJson> =>
  inTransaction(async (tx) => {
    const existing = await findClusterSettings(tx);
    if (existing) throw new AppError("conflict", `cluster settings already exist (id ${existing.settings.id}); update them with PUT`);
    const settings = await insertClusterSettings({ input, db: tx });
    await recordEvent({ type: "cluster.settings_saved", actor, sourceIp, details: { id: settings.id, created: true } }, tx);

    return settings;
  });
