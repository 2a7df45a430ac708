import { parseCidr } from "@/lib/domain/net/cidr";
import { globMatches } from "@/lib/domain/rules/glob";
import { normalizeOuiPrefix } from "@/lib/domain/rules/oui";
import { compareRules, type RankedRule } from "@/lib/domain/rules/match-rule";

// A rule "shadowed" by another can never act: the other comes first (apply-approval-rules.ts walks
// rules in compareRules order), is open whenever this one is (rule-gate.ts), matches every machine
// this one matches, and never falls through to the next rule (no match limit, no IP pool that can
// run full). Only certain cases are reported: a rule that MIGHT be shadowed is left alone.
export type ShadowRule = RankedRule & {
  name: string;
  action: string;
  sourceSubnets: readonly string[];
  ipPoolStart: string | null;
};

// Every value glob `narrow` matches, `broad` matches too. The narrow pattern is matched as if it were
// a value (its `*` taken by broad's `*`); a `?` in broad facing a `*` in narrow would wrongly pass,
// so that case counts only when the patterns are equal.
export const globCovers = (broad: string, narrow: string): boolean => {
  const b = broad.toLowerCase();
  const n = narrow.toLowerCase();
  if (b === n || /^\*+$/.test(b)) return true;
  if (b.includes("?") && n.includes("*")) return false;

  return globMatches(b, n);
};

const cidrCovers = (broad: string, narrow: string): boolean => {
  const b = parseCidr(broad);
  const n = parseCidr(narrow);
  if (!b.ok || !n.ok || b.cidr.prefixLength > n.cidr.prefixLength) return false;
  const size = 2 ** (32 - b.cidr.prefixLength);

  return n.cidr.network >= b.cidr.network && n.cidr.network < b.cidr.network + size;
};

// Every criterion the earlier rule sets, the later one sets at least as narrowly.
const criteriaCover = (earlier: ShadowRule, later: ShadowRule): boolean => {
  const globs = ["macPattern", "uuidPattern", "serialPattern"] as const;
  for (const field of globs) {
    const broad = earlier[field];
    if (broad && !(later[field] && globCovers(broad, later[field]))) return false;
  }
  if (earlier.ouiPrefix) {
    const broad = normalizeOuiPrefix(earlier.ouiPrefix);
    const narrow = later.ouiPrefix ? normalizeOuiPrefix(later.ouiPrefix) : null;
    if (!broad || !narrow || !narrow.startsWith(broad)) return false;
  }
  if (earlier.arch && earlier.arch.toLowerCase() !== later.arch?.toLowerCase()) return false;

  return true;
};

// The earlier rule's gate is open for every request the later rule's gate lets through.
const gateCovers = (earlier: ShadowRule, later: ShadowRule): boolean => {
  // An approving rule also needs a verified identity, which a reject rule does not.
  if (earlier.action === "approve" && (later.action !== "approve" || earlier.sourceSubnets.length === 0)) return false;
  if (earlier.sourceSubnets.length === 0) return true;
  if (later.sourceSubnets.length === 0) return false;

  return later.sourceSubnets.every((narrow) => earlier.sourceSubnets.some((broad) => cidrCovers(broad, narrow)));
};

export const shadowingRule = <R extends ShadowRule>(rule: R, others: readonly R[]): R | null => {
  if (!rule.enabled) return null;
  const ahead = others
    .filter((other) => other.id !== rule.id && other.enabled && other.maxMatches === null && other.ipPoolStart === null)
    .filter((other) => compareRules(other, rule) < 0)
    .sort(compareRules);

  return ahead.find((other) => criteriaCover(other, rule) && gateCovers(other, rule)) ?? null;
};

// The literal start of a MAC glob ("52:54:00:*" -> "52:54:00:").
const literalPrefix = (pattern: string): string => pattern.toLowerCase().split(/[*?]/)[0] ?? "";

// A MAC pattern and an OUI prefix that no MAC satisfies together, else null.
export const macOuiConflict = ({ macPattern, ouiPrefix }: { macPattern: string | null; ouiPrefix: string | null }): string | null => {
  if (!macPattern || !ouiPrefix) return null;
  const oui = `${normalizeOuiPrefix(ouiPrefix) ?? ouiPrefix.toLowerCase()}:`;
  const prefix = literalPrefix(macPattern);
  const length = Math.min(oui.length, prefix.length);

  return oui.slice(0, length) === prefix.slice(0, length) ? null : `no MAC can match both the MAC pattern ${macPattern} and the OUI prefix ${ouiPrefix}`;
};
