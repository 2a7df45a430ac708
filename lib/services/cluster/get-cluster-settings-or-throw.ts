import { AppError } from "@/lib/domain/errors";
import { findClusterSettingsRow } from "./get-cluster-settings";

export const getClusterSettingsRowOrThrow = async () => {
  const row = await findClusterSettingsRow();
  if (!row) throw new AppError("not_found", "cluster settings have not been saved yet");

  return row;
};
