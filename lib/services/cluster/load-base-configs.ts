import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { AppError } from "@/lib/domain/errors";
import { findClusterSettingsRow } from "./get-cluster-settings";

export type BaseConfigs = { controlplane: string; worker: string; talosVersion: string; generatedAt: Date };

// The role base configs (cluster patches already applied), decrypted. Devices render on top of these.
export const loadBaseConfigs = async (): Promise<BaseConfigs> => {
  const row = await findClusterSettingsRow();
  if (!row?.controlPlaneConfigEnc || !row.workerConfigEnc || !row.generatedAt) {
    throw new AppError("not_ready", "cluster configuration has not been generated yet");
  }
  const [controlplane, worker] = await Promise.all([
    decryptSecret("cluster.controlplane", row.controlPlaneConfigEnc),
    decryptSecret("cluster.worker", row.workerConfigEnc),
  ]);

  return { controlplane, worker, talosVersion: row.talosVersion, generatedAt: row.generatedAt };
};
