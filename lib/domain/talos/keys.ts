import { createPrivateKey, createPublicKey, generateKeyPair, webcrypto, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { parsePemBlock, pemBlock } from "@/lib/domain/talos/pem";

export type CaAlgorithm = "ecdsa-p256" | "ed25519";

const webAlgorithm = (algorithm: CaAlgorithm) =>
  algorithm === "ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: "P-256" };

export const generateSigningKeys = async (algorithm: CaAlgorithm): Promise<CryptoKeyPair> =>
  (await webcrypto.subtle.generateKey(webAlgorithm(algorithm), true, ["sign", "verify"])) as CryptoKeyPair;

// Talos's PEM labels: EC keys as SEC1 "EC PRIVATE KEY"; Ed25519 as PKCS#8 DER under the
// non-standard "ED25519 PRIVATE KEY" label (https://github.com/siderolabs/crypto/blob/v0.6.3/x509/key.go).
export const privateKeyPem = async (algorithm: CaAlgorithm, key: CryptoKey): Promise<string> => {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  if (algorithm === "ed25519") return pemBlock("ED25519 PRIVATE KEY", pkcs8);
  const sec1 = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }).export({ type: "sec1", format: "der" });

  return pemBlock("EC PRIVATE KEY", sec1);
};

// Accepts every label Talos's key parser accepts (crypto x509/key.go GetKey).
export const keyObjectFromPem = (pem: string): KeyObject => {
  const block = parsePemBlock(pem);
  if (!block) throw new Error("not a single PEM block");
  switch (block.label) {
    case "EC PRIVATE KEY":
      return createPrivateKey({ key: block.der, format: "der", type: "sec1" });
    case "RSA PRIVATE KEY":
      return createPrivateKey({ key: block.der, format: "der", type: "pkcs1" });
    case "ED25519 PRIVATE KEY":
    case "PRIVATE KEY":
      return createPrivateKey({ key: block.der, format: "der", type: "pkcs8" });
    default:
      throw new Error(`unsupported private key label "${block.label}"`);
  }
};

export const signingKeyFromPem = async (pem: string): Promise<{ algorithm: CaAlgorithm; key: CryptoKey }> => {
  const keyObject = keyObjectFromPem(pem);
  const algorithm: CaAlgorithm = keyObject.asymmetricKeyType === "ed25519" ? "ed25519" : "ecdsa-p256";
  const pkcs8 = keyObject.export({ type: "pkcs8", format: "der" });
  const key = await webcrypto.subtle.importKey("pkcs8", pkcs8, webAlgorithm(algorithm), true, ["sign"]);

  return { algorithm, key };
};

export const publicKeyDer = (keyObject: KeyObject): Buffer =>
  createPublicKey(keyObject).export({ type: "spki", format: "der" });

const generateKeyPairAsync = promisify(generateKeyPair);

// RSA-4096 (PKCS#1 "RSA PRIVATE KEY") for service-account token signing; takes 1-3 s, so async.
export const generateServiceAccountKeyPem = async (): Promise<string> => {
  const { privateKey } = await generateKeyPairAsync("rsa", { modulusLength: 4096, publicExponent: 65537 });

  return privateKey.export({ type: "pkcs1", format: "pem" }).toString();
};
