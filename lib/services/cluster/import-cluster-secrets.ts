import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { storeClusterSecrets } from "@/lib/data/cluster-settings";
import { inTransaction } from "@/lib/data/db";
import { AppError } from "@/lib/domain/errors";
import { parseSecretsYaml, serializeSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import { recordEvent } from "@/lib/events/record-event";
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
  const record = await storeSecretsPrecheck(force);
  const now = new Date();
  const secretsEnc = await encryptSecret("cluster.secrets", serializeSecretsYaml(parsed.bundle));
  await inTransaction(async (tx) => {
    await storeClusterSecrets({ id: record.settings.id, secretsEnc, at: now, db: tx });
    await recordEvent({ type: "cluster.secrets_imported", actor, sourceIp, details: { replaced: Boolean(record.sealed.secretsEnc) } }, tx);
  });

  return { generatedAt: now.toISOString() };
};
