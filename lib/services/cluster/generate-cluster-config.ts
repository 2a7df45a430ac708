import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { storeClusterConfigs } from "@/lib/data/cluster-settings";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { generateClusterConfigs, validateGeneratedConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { recordEvent } from "@/lib/events/record-event";
import type { GenerateClusterConfigResult, Generator } from "@/lib/schemas/cluster";
import { clusterConfigInput, clusterPatches } from "./cluster-config-input";
import { getClusterSettingsRecordOrThrow } from "./get-cluster-settings-or-throw";
import { loadClusterSecrets } from "./load-cluster-secrets";
import { findTalosctl } from "@/lib/talosctl/find-talosctl";
import { runTalosctlGenConfig } from "@/lib/talosctl/run-talosctl-gen-config";

type GenerateClusterConfigOptions = { generator?: Generator; actor: Actor; sourceIp?: string | null };
export type { GenerateClusterConfigResult };

// controlplane.yaml, worker.yaml and talosconfig from the stored settings and secrets, with the
// built-in generator (default) or talosctl; validated, then stored encrypted. Nothing is stored
// when validation fails.
export const generateClusterConfig = async ({ generator = "builtin", actor, sourceIp }: GenerateClusterConfigOptions): Promise<GenerateClusterConfigResult> => {
  const { settings, sealed } = await getClusterSettingsRecordOrThrow();
  const { yaml: secretsYaml, bundle } = await loadClusterSecrets(sealed.secretsEnc);
  const input = clusterConfigInput(settings);
  const patches = clusterPatches(settings);
  const configs =
    generator === "talosctl"
      ? await runTalosctlGenConfig({ binary: await talosctlOrThrow(), input, patches, secretsYaml })
      : await generateClusterConfigs({ input, patches, bundle });
  const validation = validateGeneratedConfigs(configs);
  if (!validation.ok) {
    throw new AppError(
      "validation_failed",
      `generated configuration failed validation: ${validation.errors[0]}`,
      validation.errors.map((message) => ({ path: generator, message })),
    );
  }
  const now = new Date();
  const [controlPlaneConfigEnc, workerConfigEnc, talosconfigEnc] = await Promise.all([
    encryptSecret("cluster.controlplane", configs.controlplane),
    encryptSecret("cluster.worker", configs.worker),
    encryptSecret("cluster.talosconfig", configs.talosconfig),
  ]);
  await inTransaction(async (tx) => {
    const configs = { controlPlaneConfigEnc, workerConfigEnc, talosconfigEnc };
    const stored = await storeClusterConfigs({ id: settings.id, builtFromSecretsEnc: sealed.secretsEnc, configs, generator, at: now, db: tx });
    if (!stored) throw new AppError("conflict", "cluster secrets changed while generating; try again");
    await recordEvent({ type: "cluster.config_generated", actor, sourceIp, details: { generator } }, tx);
  });

  return { generator, generatedAt: now.toISOString(), validation };
};

const talosctlOrThrow = async (): Promise<string> => {
  const found = await findTalosctl();
  if (!found.path) throw new AppError("unavailable", `talosctl is not available: ${found.reason}`);

  return found.path;
};
