import { findClusterSettings } from "@/lib/data/cluster-settings";
import type { ClusterSettingsJson } from "@/lib/schemas/cluster";

export const getClusterSettings = async (): Promise<ClusterSettingsJson | null> => (await findClusterSettings())?.settings ?? null;
