import { z } from "zod";
import { checkHostnamePattern } from "@/lib/domain/rules/hostname-pattern";
import { checkPool } from "@/lib/domain/rules/ip-pool";
import { macOuiConflict } from "@/lib/domain/rules/rule-shadow";
import { hasCriteria } from "@/lib/domain/rules/match-rule";
import { normalizeOuiPrefix } from "@/lib/domain/rules/oui";
import { parseCidr } from "@/lib/domain/net/cidr";
import { deviceRoles } from "@/lib/schemas/device";
import { formBoolean, formNumber, idSchema, labelSchema, optionalField } from "@/lib/schemas/common-fields";

export const ruleActions = ["approve", "reject"] as const;

// MACs are stored in colon form, so a MAC glob is written the same way (dashes are accepted).
const macGlobSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .regex(/^[0-9a-f:*?-]+$/, "MAC pattern may hold hex digits, ':', '-', '*' and '?' only")
  .transform((value) => value.replace(/-/g, ":"));
const ouiSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeOuiPrefix(value);
  if (!normalized) {
    ctx.addIssue({ code: "custom", message: "OUI prefix must be 3 to 5 octets, e.g. 52:54:00" });

    return z.NEVER;
  }

  return normalized;
});
const uuidGlobSchema = z.string().trim().toLowerCase().max(64).regex(/^[0-9a-f*?-]+$/, "UUID pattern may hold hex digits, '-', '*' and '?' only");
const serialGlobSchema = z.string().trim().min(1).max(128).regex(/^[\x21-\x7e]+$/, "serial pattern must be printable ASCII without spaces");
const archRuleSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,16}$/, "arch must be a short word like x86_64 or arm64");
const hostnamePatternSchema = z.string().trim().max(63).superRefine((value, ctx) => {
  const check = checkHostnamePattern(value);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
});
const ipSchema = z.string().trim().regex(/^\d{1,3}(\.\d{1,3}){3}$/, "must be an IPv4 address");
// The source subnets a boot request must come from (docs/security.md); stored in canonical form.
const cidrSchema = z.string().transform((value, ctx) => {
  const parsed = parseCidr(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.reason });

    return z.NEVER;
  }

  return parsed.text;
});
const sourceSubnetsSchema = z.array(cidrSchema).max(32, "at most 32 source subnets").transform((list) => [...new Set(list)]);

// Without defaults: a partial of these (PUT) must not fill absent fields with creation defaults.
const baseFields = z.strictObject({
  name: labelSchema(),
  priority: z.number().int().min(0).max(100_000),
  enabled: z.boolean(),
  macPattern: optionalField(macGlobSchema),
  ouiPrefix: optionalField(ouiSchema),
  uuidPattern: optionalField(uuidGlobSchema),
  serialPattern: optionalField(serialGlobSchema),
  arch: optionalField(archRuleSchema),
  action: z.enum(ruleActions),
  groupId: optionalField(idSchema),
  role: optionalField(z.enum(deviceRoles)),
  hostnamePattern: optionalField(hostnamePatternSchema),
  ipPoolStart: optionalField(ipSchema),
  ipPoolEnd: optionalField(ipSchema),
  maxMatches: optionalField(z.number().int().min(1).max(1_000_000)),
  sourceSubnets: sourceSubnetsSchema,
  allowControlPlane: z.boolean(),
});

export const ruleFields = baseFields.extend({
  priority: baseFields.shape.priority.default(100),
  enabled: baseFields.shape.enabled.default(true),
  action: baseFields.shape.action.default("approve"),
  sourceSubnets: baseFields.shape.sourceSubnets.default([]),
  allowControlPlane: baseFields.shape.allowControlPlane.default(false),
});

type RuleShape = z.output<typeof ruleFields>;

// Cross-field rules: something to match on; a pool is both ends; a reject assigns nothing.
const ruleRefinements = (rule: RuleShape, ctx: z.RefinementCtx): void => {
  const criteria = { macPattern: null, ouiPrefix: null, uuidPattern: null, serialPattern: null, arch: null, ...rule };
  if (!hasCriteria(criteria)) {
    ctx.addIssue({ code: "custom", path: ["macPattern"], message: "give at least one of MAC pattern, OUI prefix, UUID pattern, serial pattern or arch (use * to match every MAC)" });
  }
  // A rule that contradicts itself can never match: refused (unlike a shadowed rule, no reordering fixes it).
  const conflict = macOuiConflict(criteria);
  if (conflict) ctx.addIssue({ code: "custom", path: ["ouiPrefix"], message: conflict });
  if (!!rule.ipPoolStart !== !!rule.ipPoolEnd) {
    const [missing, given] = rule.ipPoolStart ? ["ipPoolEnd", "ipPoolStart"] : ["ipPoolStart", "ipPoolEnd"];
    ctx.addIssue({ code: "custom", path: [missing], message: `${missing} is required when ${given} is set (an IP pool needs both ends)` });
  } else if (rule.ipPoolStart && rule.ipPoolEnd) {
    const pool = checkPool(rule.ipPoolStart, rule.ipPoolEnd);
    if (!pool.ok) ctx.addIssue({ code: "custom", path: ["ipPoolEnd"], message: pool.reason });
  }
  // Approving a control plane hands out the cluster CA keys: only by explicit choice.
  if (rule.action === "approve" && rule.role === "controlplane" && !rule.allowControlPlane) {
    ctx.addIssue({ code: "custom", path: ["allowControlPlane"], message: "a rule approving as controlplane needs allowControlPlane (control-plane configs carry the cluster CA keys)" });
  }
  if (rule.action === "reject") {
    for (const field of ["groupId", "role", "hostnamePattern", "ipPoolStart"] as const) {
      if (rule[field]) ctx.addIssue({ code: "custom", path: [field], message: `a reject rule assigns nothing: leave ${field} empty` });
    }
  }
};

export const createRuleSchema = ruleFields.superRefine(ruleRefinements);
export type CreateRuleInput = z.output<typeof createRuleSchema>;

// PUT: fields present replace the stored ones (null clears); the merged rule is checked again.
export const updateRuleSchema = baseFields.partial().extend({ resetMatchCount: z.boolean().optional() });
export type UpdateRuleInput = z.output<typeof updateRuleSchema>;

const fromForm = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value;
  const form = value as Record<string, unknown>;

  const subnets = typeof form.sourceSubnets === "string" ? form.sourceSubnets.split(/[\s,]+/).filter(Boolean) : form.sourceSubnets;

  return {
    ...form,
    enabled: formBoolean(form.enabled),
    allowControlPlane: formBoolean(form.allowControlPlane),
    sourceSubnets: subnets,
    priority: formNumber(form.priority) ?? undefined,
    maxMatches: formNumber(form.maxMatches),
  };
};
export const ruleFormSchema = z.preprocess(fromForm, createRuleSchema);

export const ruleJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.number().int(),
  enabled: z.boolean(),
  macPattern: z.string().nullable(),
  ouiPrefix: z.string().nullable(),
  uuidPattern: z.string().nullable(),
  serialPattern: z.string().nullable(),
  arch: z.string().nullable(),
  action: z.enum(ruleActions),
  groupId: z.string().nullable(),
  role: z.enum(deviceRoles).nullable(),
  hostnamePattern: z.string().nullable(),
  ipPoolStart: z.string().nullable(),
  ipPoolEnd: z.string().nullable(),
  maxMatches: z.number().int().nullable(),
  sourceSubnets: z.array(z.string()),
  allowControlPlane: z.boolean(),
  matchCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleJson = z.infer<typeof ruleJsonSchema>;

export const ruleDryRunJsonSchema = z.object({
  ruleId: z.string(),
  wouldAct: z.boolean(),
  remaining: z.number().int().nullable(),
  // Why the rule can decide nothing at all (no source subnets on an approving rule), else null.
  blockedReason: z.string().nullable(),
  // Pending devices the rule's criteria match; `wouldDecide` is false when the gate stops it, with
  // `blockedBy` saying why (source address outside the subnets, identity not verified).
  matches: z.array(
    z.object({
      id: z.string(),
      mac: z.string(),
      hostname: z.string().nullable(),
      uuid: z.string().nullable(),
      serial: z.string().nullable(),
      arch: z.string().nullable(),
      firstSeenAt: z.string(),
      lastSourceIp: z.string().nullable(),
      identityStatus: z.string().nullable(),
      wouldDecide: z.boolean(),
      blockedBy: z.string().nullable(),
    }),
  ),
});
export type RuleDryRunJson = z.infer<typeof ruleDryRunJsonSchema>;
