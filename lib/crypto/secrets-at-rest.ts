import { seal, unseal } from "@/lib/crypto/secret-box";
import { getSecretKey } from "@/lib/crypto/secret-key";

// Purposes name what a sealed value is; see secret-box.ts for why they are bound in.
export type SecretPurpose =
  | "cluster.secrets"
  | "cluster.controlplane"
  | "cluster.worker"
  | "cluster.talosconfig"
  | "webhook.secret";

export const encryptSecret = async (purpose: SecretPurpose, plaintext: string): Promise<string> =>
  seal({ key: await getSecretKey(), plaintext, purpose });

export const decryptSecret = async (purpose: SecretPurpose, envelope: string): Promise<string> =>
  unseal({ key: await getSecretKey(), envelope, purpose });
