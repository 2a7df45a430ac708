import { inheritedApprovalProofSchema } from "@/lib/schemas/approval-proof";
import { approvalProofs } from "@/lib/domain/oauth/approval-proof";
import { z } from "zod";
import { checkHostnamePattern } from "@/lib/domain/rules/hostname-pattern";
import { parseConfigPatch } from "@/lib/domain/talos/config-documents";
import { deviceRoles, installDiskSchema } from "@/lib/schemas/device";
import { idSchema, labelSchema, optionalField } from "@/lib/schemas/common-fields";

// A group patch is a Talos strategic-merge patch whose keys must all be known to the schema.
export const configPatchSchema = z
  .string()
  .max(64 * 1024, "config patch is larger than 64 KB")
  .superRefine((value, ctx) => {
    const parsed = parseConfigPatch(value, "config patch");
    if (!parsed.ok) parsed.errors.forEach((message) => ctx.addIssue({ code: "custom", message }));
  });

const hostnamePatternSchema = z.string().trim().max(63).superRefine((value, ctx) => {
  const check = checkHostnamePattern(value);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
});

export const createGroupSchema = z.strictObject({
  name: labelSchema(64),
  role: optionalField(z.enum(deviceRoles)),
  installDisk: optionalField(installDiskSchema),
  hostnamePattern: optionalField(hostnamePatternSchema),
  configPatch: z.preprocess((value) => value ?? "", configPatchSchema).default(""),
  approvalProof: inheritedApprovalProofSchema,
});
export type CreateGroupInput = z.output<typeof createGroupSchema>;

// No defaults here: an absent field in a PUT stays as stored.
export const updateGroupSchema = createGroupSchema.extend({ configPatch: z.preprocess((value) => value ?? "", configPatchSchema) }).partial();
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;

export const groupFormSchema = createGroupSchema;

export const groupPreviewQuerySchema = z.object({
  role: z.enum(deviceRoles).default("worker"),
  deviceId: idSchema.optional(),
});

export const groupJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(deviceRoles).nullable(),
  installDisk: z.string().nullable(),
  hostnamePattern: z.string().nullable(),
  configPatch: z.string(),
  approvalProof: z.enum(approvalProofs).nullable(),
  deviceCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GroupJson = z.infer<typeof groupJsonSchema>;

export const groupPreviewJsonSchema = z.object({
  groupId: z.string(),
  role: z.enum(deviceRoles),
  deviceId: z.string().nullable(),
  yaml: z.string(),
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});
export type GroupPreviewJson = z.infer<typeof groupPreviewJsonSchema>;
