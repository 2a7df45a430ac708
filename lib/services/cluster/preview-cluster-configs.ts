import { redactConfig } from "@/lib/domain/talos/redact-config";
import { validateGeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { AppError } from "@/lib/domain/errors";
import { loadBaseConfigs } from "./load-base-configs";

export type ClusterConfigPreview = {
  controlplane: string;
  worker: string;
  generatedAt: Date;
  validation: { ok: boolean; errors: string[] };
};

// Redacted previews of the stored base configs for the Cluster page; null before generation.
export const previewClusterConfigs = async (): Promise<ClusterConfigPreview | null> => {
  try {
    const base = await loadBaseConfigs();

    return {
      controlplane: redactConfig(base.controlplane),
      worker: redactConfig(base.worker),
      generatedAt: base.generatedAt,
      validation: validateGeneratedConfigs(base),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_ready") return null;
    throw error;
  }
};
