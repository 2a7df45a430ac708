import type { ClusterSettingsRecord } from "@/lib/data/cluster-settings";
import { AppError } from "@/lib/domain/errors";
import { getClusterSettingsRecordOrThrow } from "./get-cluster-settings-or-throw";

// Secrets live on the settings row; overwriting them orphans every node installed with the old CAs.
export const storeSecretsPrecheck = async (force: boolean): Promise<ClusterSettingsRecord> => {
  const record = await getClusterSettingsRecordOrThrow().catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_ready", "save the cluster settings first");
    throw error;
  });
  if (record.sealed.secretsEnc && !force) {
    throw new AppError("conflict", "cluster secrets already exist; pass force: true to replace them (installed nodes keep the old CAs)");
  }

  return record;
};
