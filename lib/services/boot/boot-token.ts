import { createHmac, hkdfSync } from "node:crypto";
import { hashToken, tokensEqual } from "@/lib/auth/tokens";
import { newBootTokenId, replaceLiveBootToken } from "@/lib/data/boot-tokens";
import type { LiveBootToken } from "@/lib/data/boot-script-device";
import { getSecretKey } from "@/lib/crypto/secret-key";
import { tokenReusable } from "@/lib/domain/boot/token-reuse";

// Config tokens of Talos scripts are derived, not drawn: HMAC-SHA256 under a key derived from the
// secret key (KTIZO_SECRET_KEY or data/secret.key) of the token row's id and creation instant.
// Only the SHA-256 is stored, as before, and the download checks it exactly as before; deriving
// lets a repeated script request re-serve the live token with no write (docs/security.md,
// "Config tokens"). Without the secret key nobody can compute a token from a row.
const globalForKey = globalThis as unknown as { ktizoBootTokenKey?: Promise<Buffer> };

const bootTokenKey = (): Promise<Buffer> =>
  (globalForKey.ktizoBootTokenKey ??= getSecretKey().then((secret) => Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "ktizo boot token v1", 32))));

const derive = (key: Buffer, row: { id: string; createdAt: Date }): string =>
  createHmac("sha256", key).update(`${row.id}|${row.createdAt.getTime()}`).digest("base64url");

export type BootToken = { token: string; save: (() => Promise<void>) | null };

type BootTokenOptions = { deviceId: string; live: LiveBootToken | null; windowMinutes: number; boundIp: string | null };

// The live token again when it is still usable (lib/domain/boot/token-reuse.ts) and was derived
// with this key (a row of an older version, or of another secret key, is not: it is replaced).
// Otherwise a new token, saved only after the script rendered (save), so a refused script leaves no
// live token behind; saving replaces the live row in place (one live token row per device).
export const bootTokenFor = async ({ deviceId, live, windowMinutes, boundIp }: BootTokenOptions): Promise<BootToken> => {
  const key = await bootTokenKey();
  const now = new Date();
  if (live && tokenReusable({ live, boundIp, now, windowMinutes })) {
    const token = derive(key, live);
    if (tokensEqual(hashToken(token), live.tokenHash)) return { token, save: null };
  }
  // A replacement is strictly younger than the row it replaces, so it never derives the same token.
  const createdAt = new Date(Math.max(now.getTime(), (live?.createdAt.getTime() ?? 0) + 1));
  const id = live?.id ?? newBootTokenId();
  const token = derive(key, { id, createdAt });
  const expiresAt = new Date(createdAt.getTime() + windowMinutes * 60_000);

  return { token, save: () => replaceLiveBootToken({ deviceId, id, tokenHash: hashToken(token), createdAt, expiresAt, boundIp }) };
};
