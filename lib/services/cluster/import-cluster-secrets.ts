import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { parseSecretsYaml, serializeSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import { recordEvent } from "@/lib/events/record-event";
import { clearedConfigs } from "./generate-cluster-secrets";
import { storeSecretsPrecheck } from "./store-cluster-secrets";

type ImportClusterSecretsOptions = { secretsYaml: string; force: boolean; actor: Actor; sourceIp?: string | null };

// Import an existing secrets.yaml (from talosctl gen secrets): validated in full before anything
// is stored; re-serialized so the stored copy has Talos's layout.
export const importClusterSecrets = async ({ secretsYaml, force, actor, sourceIp }: ImportClusterSecretsOptions): Promise<{ generatedAt: string }> => {
  const parsed = parseSecretsYaml(secretsYaml);
  if (!parsed.ok) {
    throw new AppError(
      "validation_failed",
      `secrets.yaml is invalid: ${parsed.errors[0] ?? "unknown error"}`,
      parsed.errors.map((message) => ({ path: "secretsYaml", message })),
    );
  }
  const row = await storeSecretsPrecheck(force);
  const now = new Date();
  const secretsEnc = await encryptSecret("cluster.secrets", serializeSecretsYaml(parsed.bundle));
  await prisma.$transaction(async (tx) => {
    await tx.clusterSettings.update({ where: { id: row.id }, data: { ...clearedConfigs, secretsEnc, secretsGeneratedAt: now } });
    await recordEvent({ type: "cluster.secrets_imported", actor, sourceIp, details: { replaced: Boolean(row.secretsEnc) } }, tx);
  });

  return { generatedAt: now.toISOString() };
};
