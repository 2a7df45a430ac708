import type { Actor } from "@/lib/auth/principal";
import { findClusterSettings } from "@/lib/data/cluster-settings";
import type { ClusterSettingsInput, ClusterSettingsJson } from "@/lib/schemas/cluster";
import { createClusterSettings } from "./create-cluster-settings";
import { updateClusterSettings } from "./update-cluster-settings";

type SaveClusterSettingsOptions = { input: ClusterSettingsInput; actor: Actor; sourceIp?: string | null };

// The Cluster page has one form for both the first save and later edits.
export const saveClusterSettings = async ({ input, actor, sourceIp }: SaveClusterSettingsOptions): Promise<ClusterSettingsJson> => {
  const existing = await findClusterSettings();

  return existing
    ? updateClusterSettings({ id: existing.settings.id, input, actor, sourceIp })
    : createClusterSettings({ input, actor, sourceIp });
};
