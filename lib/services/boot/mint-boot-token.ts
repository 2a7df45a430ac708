import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { insertOnlyLiveToken } from "@/lib/data/boot-tokens";

export type MintedToken = { token: string; save: () => Promise<void> };

type MintOptions = { deviceId: string; windowMinutes: number; boundIp?: string | null };

// A fresh config token for one Talos boot script: random, stored only as its SHA-256, valid for
// the provisioning window and one successful download, and the device's only live token. The row
// is saved only after the script rendered, so a refused script leaves no live token behind.
// boundIp: minted without a verified MAC binding (identityCheck ip-only), only that address may spend it.
export const mintBootToken = ({ deviceId, windowMinutes, boundIp = null }: MintOptions): MintedToken => {
  const token = generateSecretToken();

  return {
    token,
    save: () => insertOnlyLiveToken({ deviceId, tokenHash: hashToken(token), lifetimeMs: windowMinutes * 60_000, boundIp }),
  };
};
