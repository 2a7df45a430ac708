// Whether the Talos script may hand out the device's live config token again instead of minting
// one (docs/security.md, "Config tokens"): only while it is bound exactly as a new one would be
// (the same address under identityCheck ip-only, none otherwise), has more than half of the
// provisioning window left (a machine that got it has time to spend it), and does not outlive a
// window the admin has since shortened. Anything else mints a new token, which replaces this one.
export type TokenReuseOptions = {
  live: { expiresAt: Date; boundIp: string | null } | null;
  boundIp: string | null;
  now: Date;
  windowMinutes: number;
};

export const tokenReusable = ({ live, boundIp, now, windowMinutes }: TokenReuseOptions): boolean => {
  if (!live || live.boundIp !== boundIp) return false;
  const windowMs = windowMinutes * 60_000;
  const leftMs = live.expiresAt.getTime() - now.getTime();

  return leftMs > windowMs / 2 && leftMs <= windowMs;
};
