// The client address. Next's server puts the socket address in x-forwarded-for; with
// KTIZO_TRUST_PROXY=1 (behind a reverse proxy) the left-most entry names the original client.
export const sourceIpOf = (req: Request): string | null => {
  const forwarded = req.headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const entries = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean);
  const pick = process.env.KTIZO_TRUST_PROXY === "1" ? entries[0] : entries.at(-1);

  return pick ? pick.replace(/^::ffff:/, "").slice(0, 64) : null;
};
