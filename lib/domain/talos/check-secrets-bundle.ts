import { X509Certificate } from "node:crypto";
import { keyObjectFromPem, publicKeyDer } from "@/lib/domain/talos/keys";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { secret32Pattern, tokenPattern } from "@/lib/domain/talos/tokens";

const caNames = ["etcd", "k8s", "k8sAggregator", "os"] as const;

// Bundle validation before a bundle is stored: formats of ids/tokens, every certificate parses
// and is a CA, every key parses and belongs to its certificate. Returns readable errors.
export const checkSecretsBundle = (bundle: SecretsBundle): string[] => {
  const errors: string[] = [];
  // Generated ids are URL-safe base64; accept either alphabet on import.
  if (!/^[A-Za-z0-9_+/-]{43}=$/.test(bundle.cluster.id)) errors.push("cluster.id: must be 32 bytes in base64 (44 characters)");
  if (!secret32Pattern.test(bundle.cluster.secret)) errors.push("cluster.secret: must be 32 bytes in base64 (44 characters)");
  if (!tokenPattern.test(bundle.secrets.bootstrapToken)) errors.push("secrets.bootstraptoken: must look like abcdef.0123456789abcdef");
  if (!secret32Pattern.test(bundle.secrets.secretboxEncryptionSecret)) {
    errors.push("secrets.secretboxencryptionsecret: must be 32 bytes in base64");
  }
  if (bundle.trustdInfo.token.length === 0) errors.push("trustdinfo.token: must not be empty");
  for (const name of caNames) errors.push(...checkPair(`certs.${name.toLowerCase()}`, bundle.certs[name]));
  try {
    const type = keyObjectFromPem(bundle.certs.k8sServiceAccount.key).asymmetricKeyType;
    if (type !== "rsa" && type !== "ec") errors.push("certs.k8sserviceaccount.key: must be an RSA or ECDSA key");
  } catch (error) {
    errors.push(`certs.k8sserviceaccount.key: ${(error as Error).message}`);
  }

  return errors;
};

const checkPair = (path: string, pair: { crt: string; key: string }): string[] => {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pair.crt);
  } catch {
    return [`${path}.crt: not a PEM certificate`];
  }
  if (!cert.ca) return [`${path}.crt: not a CA certificate`];
  try {
    const key = keyObjectFromPem(pair.key);
    const certKey = cert.publicKey.export({ type: "spki", format: "der" });
    if (!certKey.equals(publicKeyDer(key))) return [`${path}.key: does not match ${path}.crt`];
  } catch (error) {
    return [`${path}.key: ${(error as Error).message}`];
  }

  return [];
};
