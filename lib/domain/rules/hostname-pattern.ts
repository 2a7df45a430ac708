// Hostname patterns such as `worker-{n}` (next free number, from 1) or `rack1-{n:3}` (zero padded
// to 3 digits) or `node-{mac}` (the MAC's 12 hex digits). The result must be an RFC 1123 label.
const tokenPattern = /\{(n(?::([1-9]))?|mac)\}/g;
const labelPattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const literalPattern = /^[a-z0-9-]*$/;

export type HostnamePatternCheck = { ok: true } | { ok: false; reason: string };

export const checkHostnamePattern = (pattern: string): HostnamePatternCheck => {
  const tokens = [...pattern.matchAll(tokenPattern)].map((match) => match[1] ?? "");
  const numberTokens = tokens.filter((token) => token.startsWith("n")).length;
  if (tokens.length === 0) return { ok: false, reason: "pattern needs {n} or {mac}" };
  if (numberTokens > 1) return { ok: false, reason: "pattern may hold {n} only once" };
  const literal = pattern.replace(tokenPattern, "");
  if (!literalPattern.test(literal)) {
    return { ok: false, reason: "outside {n} and {mac} only lower-case letters, digits and '-' are allowed" };
  }
  const sample = renderHostname({ pattern, n: 1, mac: "00:00:00:00:00:00" });
  if (!labelPattern.test(sample)) return { ok: false, reason: "pattern must yield an RFC 1123 host name" };

  return { ok: true };
};

export const renderHostname = ({ pattern, n, mac }: { pattern: string; n: number; mac: string }): string =>
  pattern.replace(tokenPattern, (_match, token: string, width?: string) =>
    token === "mac" ? mac.replace(/[^0-9a-f]/gi, "").toLowerCase() : String(n).padStart(Number(width ?? 1), "0"),
  );

export const usesNumber = (pattern: string): boolean => [...pattern.matchAll(tokenPattern)].some((m) => m[1]?.startsWith("n"));

// The literal text before the first token: lets a caller fetch only the names that can collide.
export const patternPrefix = (pattern: string): string => pattern.split("{")[0] ?? "";

type NextHostnameOptions = { pattern: string; mac: string; taken: Iterable<string> };

// The lowest number whose rendered name is not taken (gaps left by deleted devices are reused).
// Returns null when the name cannot be made unique: a pattern without {n} whose one name is taken.
export const nextHostname = ({ pattern, mac, taken }: NextHostnameOptions): string | null => {
  const takenSet = new Set([...taken].map((name) => name.toLowerCase()));
  if (!usesNumber(pattern)) {
    const name = renderHostname({ pattern, n: 1, mac });

    return takenSet.has(name) ? null : name;
  }
  // At most |taken| names can collide, so a free number exists within |taken| + 1 tries.
  for (let n = 1; n <= takenSet.size + 1; n += 1) {
    const name = renderHostname({ pattern, n, mac });
    if (!takenSet.has(name)) return name;
  }

  return null;
};
