import { findClusterSettings, type ClusterSettingsRecord } from "@/lib/data/cluster-settings";
import { AppError } from "@/lib/domain/errors";

export const getClusterSettingsRecordOrThrow = async (): Promise<ClusterSettingsRecord> => {
  const record = await findClusterSettings();
  if (!record) throw new AppError("not_found", "cluster settings have not been saved yet");

  return record;
};
