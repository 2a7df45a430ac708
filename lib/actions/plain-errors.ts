import type { z } from "zod";
import type { AppErrorIssue } from "@/lib/domain/errors";
import { fieldLabels, labelOf } from "@/lib/actions/field-labels";

// The one place where validation issues become what an admin reads: one sentence per field, naming the
// field by its label, numbers in human terms ("at most 100,000", not zod's "Too big: expected int to be
// <=9007199254740991"), and only the first issue of each field (no cascades). Forms (formAction), the
// JSON API (withRoute) and the setup/login redirects all go through plainIssues.
type ZodIssue = z.core.$ZodIssue;
type AnyIssue = ZodIssue | AppErrorIssue;

export type PlainIssue = { path: string; field: string; message: string };

const formatNumber = (value: number | bigint): string => Number(value).toLocaleString("en-US");

// zod's own messages start like this; anything else was written for people in a schema.
const zodDefault = /^(Invalid|Too big|Too small|Unrecognized key)/;

const isZodIssue = (issue: AnyIssue): issue is ZodIssue => "code" in issue;

const pathOf = (issue: AnyIssue): string => (isZodIssue(issue) ? issue.path.map(String).join(".") : issue.path);

// A bound zod adds for every int() (the safe-integer range) says nothing to a person: it only
// speaks when the schema set no bound of its own.
const isSafeIntegerBound = (issue: AnyIssue): boolean =>
  isZodIssue(issue) && (issue.code === "too_big" || issue.code === "too_small") && Math.abs(Number((issue as { maximum?: number; minimum?: number }).maximum ?? (issue as { minimum?: number }).minimum)) >= Number.MAX_SAFE_INTEGER;

export const plainIssues = (issues: readonly AnyIssue[], labels: Record<string, string> = {}): PlainIssue[] => {
  const chosen = new Map<string, AnyIssue>();
  for (const issue of issues) {
    const field = pathOf(issue).split(".")[0] || "_form";
    const current = chosen.get(field);
    if (!current || (isSafeIntegerBound(current) && !isSafeIntegerBound(issue))) chosen.set(field, issue);
  }

  return [...chosen].map(([field, issue]) => ({ path: pathOf(issue), field, message: describe(issue, field, labels) }));
};

// Field name -> [message] for a form (one message each), "_form" for what belongs to no field.
export const plainFieldErrors = (issues: readonly AnyIssue[], labels: Record<string, string> = {}): Record<string, string[]> =>
  Object.fromEntries(plainIssues(issues, labels).map((issue) => [issue.field, [issue.message]]));

const describe = (issue: AnyIssue, field: string, labels: Record<string, string>): string => {
  const label = field === "_form" ? "" : labelOf(field, labels);
  if (!isZodIssue(issue) || !zodDefault.test(issue.message)) return sentence({ message: issue.message, field, label, labels });
  const phrase = zodPhrase(issue);
  if (field === "_form" || issue.code === "unrecognized_keys") return finish(capitalize(phrase.replace(/^(is|must|has) /, "")));

  return finish(`${label} ${phrase}`);
};

const zodPhrase = (issue: ZodIssue): string => {
  switch (issue.code) {
    case "invalid_type": {
      if (/received (undefined|null)$/.test(issue.message)) return "is required";
      const kinds: Record<string, string> = { number: "must be a number", int: "must be a whole number", boolean: "must be on or off", array: "must be a list", string: "must be text" };
      return kinds[issue.expected] ?? "is not valid";
    }
    case "too_big":
      return bound({ origin: issue.origin, limit: issue.maximum, inclusive: issue.inclusive !== false, big: true });
    case "too_small":
      return bound({ origin: issue.origin, limit: issue.minimum, inclusive: issue.inclusive !== false, big: false });
    case "invalid_value":
      return issue.values.length <= 8 ? `must be one of ${issue.values.map(String).join(", ")}` : "is not one of the allowed values";
    case "invalid_format":
      return issue.format === "regex" ? "has the wrong format" : `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${formatNumber(issue.divisor as number)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    case "invalid_union": {
      // union(ipv4, literal("")): the first branch says what the field should be.
      const first = issue.errors[0]?.[0];
      return first && !zodDefault.test(first.message) ? stripLeadingName(first.message) : first ? zodPhrase(first) : "is not valid";
    }
    default:
      return "is not valid";
  }
};

type BoundOptions = { origin: string; limit: number | bigint; inclusive: boolean; big: boolean };

const bound = ({ origin, limit, inclusive, big }: BoundOptions): string => {
  if (Math.abs(Number(limit)) >= Number.MAX_SAFE_INTEGER) return big ? "is too large" : "is too small";
  const n = Number(limit);
  if (origin === "string") {
    if (!big && n <= 1) return "is required";
    return `must be ${big ? "at most" : "at least"} ${formatNumber(n)} character${n === 1 ? "" : "s"}`;
  }
  if (origin === "array" || origin === "set") {
    if (!big && n <= 1) return "needs at least one entry";
    return `may hold ${big ? "at most" : "at least"} ${formatNumber(n)} entr${n === 1 ? "y" : "ies"}`;
  }
  if (inclusive) return `must be ${big ? "at most" : "at least"} ${formatNumber(n)}`;

  return `must be ${big ? "less" : "more"} than ${formatNumber(n)}`;
};

type SentenceOptions = { message: string; field: string; label: string; labels: Record<string, string> };

// A message written in a schema ("serverIp must be an IPv4 address like 10.0.0.1", "a reject rule assigns
// nothing: leave groupId empty") with code names swapped for labels and the field named first.
const sentence = ({ message, field, label, labels }: SentenceOptions): string => {
  const text = message.trim().replace(/\b([a-z]+[A-Z][A-Za-z0-9]*)\b/g, (name) => (fieldLabels[name] || labels[name] ? labelOf(name, labels) : name));
  if (!label) return finish(capitalize(text));
  const lead = new RegExp(`^(${escape(label)}|${escape(field)})\\b`, "i");
  if (lead.test(text)) return finish(text.replace(lead, label));
  if (/^(must|is|are|may|has|needs|should|cannot|does)\b/.test(text)) return finish(`${label} ${text}`);
  if (text.toLowerCase().includes(label.toLowerCase())) return finish(capitalize(text));

  return finish(`${label}: ${text}`);
};

const stripLeadingName = (message: string): string => message.replace(/^[a-z][A-Za-z0-9]*\s+(?=must|is|may|has)/, "");
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const finish = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
