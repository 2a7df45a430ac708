import { z } from "zod";
import { bootActions, deviceRoles, deviceStatuses } from "@/lib/schemas/device";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { applyNetworkResultSchema, networkSettingsFields } from "@/lib/schemas/network";

// Response shapes of routes whose modules describe their answers as TypeScript types only; these
// zod mirrors exist so the OpenAPI document can show them (field names as in docs/api.md).
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
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  lastSourceIp: nullableString,
  approvedAt: timestamp.nullable(),
  approvedBy: nullableString,
  configDownloadedAt: timestamp.nullable(),
  configDownloadCount: z.number().int(),
  lastDownloadIp: nullableString,
  provisionedAt: timestamp.nullable(),
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

export const eventShape = z.object({
  id: z.string(),
  type: z.string(),
  actor: z.object({ type: z.string(), id: nullableString, name: nullableString }),
  sourceIp: nullableString,
  deviceId: nullableString,
  details: z.record(z.string(), z.unknown()),
  createdAt: timestamp,
});
export const eventListShape = listJsonSchema(eventShape);

export const tokenShape = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  origin: z.string(),
  createdBy: nullableString,
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export const tokenListShape = listJsonSchema(tokenShape);
export const tokenCreatedShape = tokenShape.extend({ token: z.string().describe("shown once") });

export const clusterSettingsShape = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  talosVersion: z.string(),
  kubernetesVersion: z.string(),
  installDisk: z.string(),
  installImage: z.string(),
  podSubnets: z.array(z.string()),
  serviceSubnets: z.array(z.string()),
  cniName: z.enum(["flannel", "none", "custom"]),
  cniUrls: z.array(z.string()),
  dnsDomain: z.string(),
  additionalSans: z.array(z.string()),
  allowSchedulingOnControlPlanes: z.boolean(),
  configPatch: z.string(),
  controlPlanePatch: z.string(),
  workerPatch: z.string(),
  generator: z.enum(["builtin", "talosctl"]),
  generatedAt: timestamp.nullable(),
  secretsGeneratedAt: timestamp.nullable(),
});
export const generatedAtShape = z.object({ generatedAt: timestamp });
export const configGeneratedShape = z.object({
  generator: z.enum(["builtin", "talosctl"]),
  generatedAt: timestamp,
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});

export const networkSettingsShape = networkSettingsFields.extend({ id: z.string(), appliedAt: timestamp.nullable(), appliedHash: nullableString, updatedAt: timestamp });
export const networkAppliedShape = applyNetworkResultSchema;

export const assetImportShape = z.object({
  id: z.string(),
  url: z.string(),
  talosVersion: z.string(),
  fileName: z.string(),
  status: z.enum(["queued", "downloading", "done", "failed"]),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  sha256: nullableString,
  expectedSha256: nullableString,
  error: nullableString,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const assetImportListShape = z.object({
  items: z.array(assetImportShape),
  local: z.array(z.object({ talosVersion: z.string(), fileName: z.string(), size: z.number().int(), modifiedAt: timestamp })),
});

export const healthShape = z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "error"]) });
export const setupDoneShape = z.object({ user: z.object({ id: z.string(), username: z.string() }).passthrough() });
export const loggedOutShape = z.object({ loggedOut: z.boolean() });
