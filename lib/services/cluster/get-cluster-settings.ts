import { prisma } from "@/lib/db/client";
import type { ClusterSettingsJson } from "@/lib/schemas/cluster";
import { clusterSettingsJson } from "./cluster-settings-json";

// There is one ClusterSettings row (the oldest, should a race ever have made two).
export const findClusterSettingsRow = () => prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" } });

export const getClusterSettings = async (): Promise<ClusterSettingsJson | null> => {
  const row = await findClusterSettingsRow();

  return row ? clusterSettingsJson(row) : null;
};
