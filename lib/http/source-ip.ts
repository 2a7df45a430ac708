// The client address. The production server (scripts/web-server.ts) replaces X-Forwarded-For with
// the one address it decided on (the socket peer, or the client named by a trusted proxy:
// KTIZO_TRUSTED_PROXIES); under `next dev`, Next appends the socket address. Either way the
// right-most entry is the one this process can vouch for.
export const sourceIpOf = (req: Request): string | null => {
  const forwarded = req.headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const pick = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);

  return pick ? pick.replace(/^::ffff:/, "").slice(0, 64) : null;
};
