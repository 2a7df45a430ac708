import type { Actor } from "@/lib/auth/principal";
import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { storeClusterSecrets } from "@/lib/data/cluster-settings";
import { inTransaction } from "@/lib/data/db";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { serializeSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import { recordEvent } from "@/lib/events/record-event";
import { storeSecretsPrecheck } from "./store-cluster-secrets";

type GenerateClusterSecretsOptions = { force: boolean; actor: Actor; sourceIp?: string | null };

// A fresh `talosctl gen secrets` bundle, stored encrypted. Replacing existing secrets needs `force`
// and drops the generated configs, which were signed by the old CAs.
export const generateClusterSecrets = async ({ force, actor, sourceIp }: GenerateClusterSecretsOptions): Promise<{ generatedAt: string }> => {
  const record = await storeSecretsPrecheck(force);
  const now = new Date();
  const bundle = await generateSecretsBundle({ now });
  const secretsEnc = await encryptSecret("cluster.secrets", serializeSecretsYaml(bundle));
  await inTransaction(async (tx) => {
    await storeClusterSecrets({ id: record.settings.id, secretsEnc, at: now, db: tx });
    await recordEvent({ type: "cluster.secrets_generated", actor, sourceIp, details: { replaced: Boolean(record.sealed.secretsEnc) } }, tx);
  });

  return { generatedAt: now.toISOString() };
};
