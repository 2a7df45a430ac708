import { createCertificateAuthority, type CertAndKey } from "@/lib/domain/talos/certificates";
import { generateServiceAccountKeyPem } from "@/lib/domain/talos/keys";
import { secureRandomBytes, type RandomBytes } from "@/lib/domain/talos/random";
import { generateClusterId, generateSecret32, generateToken } from "@/lib/domain/talos/tokens";

// The `talosctl gen secrets` v1.11 bundle, PEM text in memory (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/generate/secrets/bundle.go).
export type SecretsBundle = {
  cluster: { id: string; secret: string };
  secrets: { bootstrapToken: string; secretboxEncryptionSecret: string };
  trustdInfo: { token: string };
  certs: {
    etcd: CertAndKey;
    k8s: CertAndKey;
    k8sAggregator: CertAndKey;
    k8sServiceAccount: { key: string };
    os: CertAndKey;
  };
};

export type GenerateSecretsBundleOptions = {
  now?: Date;
  random?: RandomBytes;
  // Lets tests reuse one RSA-4096 key instead of generating it every time (1-3 s each).
  serviceAccountKey?: () => Promise<string>;
};

export const generateSecretsBundle = async ({
  now = new Date(),
  random = secureRandomBytes,
  serviceAccountKey = generateServiceAccountKeyPem,
}: GenerateSecretsBundleOptions = {}): Promise<SecretsBundle> => {
  // One clock for all CAs, like gen secrets; the aggregator CA's CommonName is dropped by the CA builder.
  const [etcd, k8s, k8sAggregator, os, saKey] = await Promise.all([
    createCertificateAuthority({ organization: "etcd", algorithm: "ecdsa-p256", now, random }),
    createCertificateAuthority({ organization: "kubernetes", algorithm: "ecdsa-p256", now, random }),
    createCertificateAuthority({ organization: null, algorithm: "ecdsa-p256", now, random }),
    createCertificateAuthority({ organization: "talos", algorithm: "ed25519", now, random }),
    serviceAccountKey(),
  ]);

  return {
    cluster: { id: generateClusterId(random), secret: generateSecret32(random) },
    secrets: { bootstrapToken: generateToken(random), secretboxEncryptionSecret: generateSecret32(random) },
    trustdInfo: { token: generateToken(random) },
    certs: { etcd, k8s, k8sAggregator, k8sServiceAccount: { key: saKey }, os },
  };
};
