import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/domain/errors";

// AES-256-GCM envelope for secrets at rest: "v1:" + base64(iv | tag | ciphertext).
// The associated data binds a value to its purpose, so a swapped column fails to decrypt.
const version = "v1";

type SealOptions = { key: Buffer; plaintext: string; purpose: string };
type OpenOptions = { key: Buffer; envelope: string; purpose: string };

export const seal = ({ key, plaintext, purpose }: SealOptions): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);

  return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
};

export const unseal = ({ key, envelope, purpose }: OpenOptions): string => {
  const [tag, payload] = envelope.split(":", 2);
  if (tag !== version || !payload) throw new AppError("internal", "stored secret has an unknown format");
  const raw = Buffer.from(payload, "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));

    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("internal", "stored secret cannot be decrypted with this key (KTIZO_SECRET_KEY or data/secret.key changed?)");
  }
};
