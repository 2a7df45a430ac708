import { globMatches } from "@/lib/domain/rules/glob";
import { ouiMatches } from "@/lib/domain/rules/oui";

// The facts a rule can look at: what the machine reported when it registered.
export type RuleSubject = { mac: string; uuid: string | null; serial: string | null; arch: string | null };

export type RuleCriteria = {
  macPattern: string | null;
  ouiPrefix: string | null;
  uuidPattern: string | null;
  serialPattern: string | null;
  arch: string | null;
};

export type RankedRule = RuleCriteria & {
  id: string;
  priority: number;
  enabled: boolean;
  createdAt: Date;
  maxMatches: number | null;
  matchCount: number;
};

export const hasCriteria = (rule: RuleCriteria): boolean =>
  [rule.macPattern, rule.ouiPrefix, rule.uuidPattern, rule.serialPattern, rule.arch].some((value) => !!value);

// Every criterion that is set must hold (AND). A rule without any criterion matches nothing, so a
// half-filled rule can never approve every machine; a catch-all is written `macPattern: "*"`.
export const ruleMatches = (rule: RuleCriteria, subject: RuleSubject): boolean => {
  if (!hasCriteria(rule)) return false;
  if (rule.macPattern && !globMatches(rule.macPattern, subject.mac)) return false;
  if (rule.ouiPrefix && !ouiMatches(rule.ouiPrefix, subject.mac)) return false;
  if (rule.uuidPattern && !globMatches(rule.uuidPattern, subject.uuid)) return false;
  if (rule.serialPattern && !globMatches(rule.serialPattern, subject.serial)) return false;
  if (rule.arch && rule.arch.toLowerCase() !== (subject.arch ?? "").toLowerCase()) return false;

  return true;
};

export const isExhausted = (rule: Pick<RankedRule, "maxMatches" | "matchCount">): boolean =>
  rule.maxMatches !== null && rule.matchCount >= rule.maxMatches;

// Lower priority numbers are evaluated first; ties go to the older rule, then the id, so the
// order is total and the same on every evaluation.
export const compareRules = (a: RankedRule, b: RankedRule): number =>
  a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Candidates in evaluation order: enabled, matching, not yet exhausted. The service tries them in
// this order because a candidate can still fall through (its counter raced to the limit, its pool
// is full).
export const candidateRules = <R extends RankedRule>(rules: readonly R[], subject: RuleSubject): R[] =>
  rules
    .filter((rule) => rule.enabled && !isExhausted(rule) && ruleMatches(rule, subject))
    .sort(compareRules);
