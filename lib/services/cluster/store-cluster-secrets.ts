import { AppError } from "@/lib/domain/errors";
import { getClusterSettingsRowOrThrow } from "./get-cluster-settings-or-throw";

// Secrets live on the settings row; overwriting them orphans every node installed with the old CAs.
export const storeSecretsPrecheck = async (force: boolean) => {
  const row = await getClusterSettingsRowOrThrow().catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_ready", "save the cluster settings first");
    throw error;
  });
  if (row.secretsEnc && !force) {
    throw new AppError("conflict", "cluster secrets already exist; pass force: true to replace them (installed nodes keep the old CAs)");
  }

  return row;
};
