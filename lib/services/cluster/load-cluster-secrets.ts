import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { AppError } from "@/lib/domain/errors";
import { parseSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";

// Decrypts and re-validates the stored bundle (a tampered or truncated value fails loudly).
export const loadClusterSecrets = async (secretsEnc: string | null): Promise<{ yaml: string; bundle: SecretsBundle }> => {
  if (!secretsEnc) throw new AppError("not_ready", "cluster secrets have not been generated or imported yet");
  const yaml = await decryptSecret("cluster.secrets", secretsEnc);
  const parsed = parseSecretsYaml(yaml);
  if (!parsed.ok) throw new AppError("internal", "stored cluster secrets are corrupt");

  return { yaml, bundle: parsed.bundle };
};
