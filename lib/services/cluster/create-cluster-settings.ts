import type { Actor } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { ClusterSettingsInput, ClusterSettingsJson } from "@/lib/schemas/cluster";
import { clusterSettingsColumns, clusterSettingsJson } from "./cluster-settings-json";

type CreateClusterSettingsOptions = { input: ClusterSettingsInput; actor: Actor; sourceIp?: string | null };

// POST creates the single ClusterSettings row; a second one is a conflict (use PUT).
export const createClusterSettings = async ({ input, actor, sourceIp }: CreateClusterSettingsOptions): Promise<ClusterSettingsJson> =>
  prisma.$transaction(async (tx) => {
    const existing = await tx.clusterSettings.findFirst({ select: { id: true } });
    if (existing) throw new AppError("conflict", `cluster settings already exist (id ${existing.id}); update them with PUT`);
    const row = await tx.clusterSettings.create({ data: clusterSettingsColumns(input) });
    await recordEvent({ type: "cluster.settings_saved", actor, sourceIp, details: { id: row.id, created: true } }, tx);

    return clusterSettingsJson(row);
  });
