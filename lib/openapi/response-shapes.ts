import { approvalProofs } from "@/lib/domain/oauth/approval-proof";
import { z } from "zod";
import { bootActions, deviceRoles, deviceStatuses } from "@/lib/schemas/device";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { assetImportJsonSchema } from "@/lib/schemas/asset";
import { clusterSettingsJsonSchema } from "@/lib/schemas/cluster";
import { eventJsonSchema } from "@/lib/schemas/event";
import { applyNetworkResultSchema, networkSettingsFields } from "@/lib/schemas/network";
import { apiTokenJsonSchema } from "@/lib/schemas/token";

// Response shapes for the OpenAPI document. Where lib/schemas declares the answer (events, tokens,
// cluster settings, asset imports) it is used as is, so type and document cannot drift; the rest are
// still zod mirrors of TypeScript types (devices: to be derived once the device schema settles).
const nullableString = z.string().nullable();
const timestamp = z.string().describe("ISO 8601 time");

export const errorShape = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});

export const deviceShape = z.object({
  id: z.string(),
  mac: z.string(),
  uuid: nullableString,
  serial: nullableString,
  arch: nullableString,
  hostname: nullableString,
  ipAddress: nullableString,
  role: z.enum(deviceRoles).nullable(),
  status: z.enum(deviceStatuses),
  groupId: nullableString,
  installDisk: nullableString,
  notes: nullableString,
  bootAction: z.enum(bootActions),
  approvalProof: z.enum(approvalProofs).nullable(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  lastSourceIp: nullableString,
  approvedAt: timestamp.nullable(),
  approvedBy: nullableString,
  configDownloadedAt: timestamp.nullable(),
  configDownloadCount: z.number().int(),
  lastDownloadIp: nullableString,
  provisionedAt: timestamp.nullable(),
  identityStatus: z.enum(["bound", "mismatch", "unverifiable"]).nullable(),
  identityReason: nullableString,
  identityCheckedAt: timestamp.nullable(),
});
export const deviceListShape = listJsonSchema(deviceShape);
export const registeredShape = z.object({ id: z.string(), mac: z.string(), status: z.enum(deviceStatuses) });
export const configPreviewShape = z.object({
  deviceId: z.string(),
  role: nullableString,
  yaml: z.string().describe("machine config, secrets replaced by ***"),
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});
export const bulkResultShape = z.object({}).passthrough().describe("per-id outcome of the bulk action");

export const eventShape = eventJsonSchema;
export const eventListShape = listJsonSchema(eventShape);

export const tokenShape = apiTokenJsonSchema;
export const tokenListShape = listJsonSchema(tokenShape);
export const tokenCreatedShape = tokenShape.extend({ token: z.string().describe("shown once") });

export const clusterSettingsShape = clusterSettingsJsonSchema;
export const generatedAtShape = z.object({ generatedAt: timestamp });
export const configGeneratedShape = z.object({
  generator: z.enum(["builtin", "talosctl"]),
  generatedAt: timestamp,
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});

export const networkSettingsShape = networkSettingsFields.extend({ id: z.string(), appliedAt: timestamp.nullable(), appliedHash: nullableString, updatedAt: timestamp });
export const networkAppliedShape = applyNetworkResultSchema;

export const assetImportShape = assetImportJsonSchema;
export const assetImportListShape = z.object({
  items: z.array(assetImportShape),
  local: z.array(z.object({ talosVersion: z.string(), fileName: z.string(), size: z.number().int(), modifiedAt: timestamp })),
});

export const healthShape = z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "error"]) });
export const setupDoneShape = z.object({ user: z.object({ id: z.string(), username: z.string() }).passthrough() });
export const loggedOutShape = z.object({ loggedOut: z.boolean() });
