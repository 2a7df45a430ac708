import { findClusterSettings } from "@/lib/data/cluster-settings";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { AppError } from "@/lib/domain/errors";

export type BaseConfigs = { controlplane: string; worker: string; talosVersion: string; generatedAt: Date };

// The role base configs (cluster patches already applied), decrypted. Devices render on top of these.
export const loadBaseConfigs = async (): Promise<BaseConfigs> => {
  const record = await findClusterSettings();
  if (!record?.sealed.controlPlaneConfigEnc || !record.sealed.workerConfigEnc || !record.generatedAt) {
    throw new AppError("not_ready", "cluster configuration has not been generated yet");
  }
  const [controlplane, worker] = await Promise.all([
    decryptSecret("cluster.controlplane", record.sealed.controlPlaneConfigEnc),
    decryptSecret("cluster.worker", record.sealed.workerConfigEnc),
  ]);

  return { controlplane, worker, talosVersion: record.settings.talosVersion, generatedAt: record.generatedAt };
};
