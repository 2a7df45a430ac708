import { z } from "zod";
import { deviceStages } from "@/lib/domain/devices/device-stage";
import { isIpv4 } from "@/lib/domain/net/ipv4";
import { AppError } from "@/lib/domain/errors";
import { machineMacProblem, parseMac } from "@/lib/domain/mac";
import { approvalProofs } from "@/lib/domain/oauth/approval-proof";
import { listJsonSchema } from "@/lib/schemas/common-fields";
import { inheritedApprovalProofSchema } from "@/lib/schemas/approval-proof";

export const deviceRoles = ["controlplane", "worker"] as const;
export const deviceStatuses = ["pending", "approved", "rejected"] as const;
export const bootActions = ["install", "local", "reinstall"] as const;
export type DeviceRole = (typeof deviceRoles)[number];

// Machine-facing routes answer a bad MAC with 400 and the reason (docs/devices.md), not the 422 of zod.
export const requireMac = (value: unknown): string => {
  const parsed = parseMac(value);
  if (!parsed.ok) throw new AppError("bad_request", parsed.reason);
  const problem = machineMacProblem(parsed.mac);
  if (problem) throw new AppError("bad_request", problem);

  return parsed.mac;
};

export const macSchema = z.string().transform((value, ctx) => {
  const parsed = parseMac(value);
  const problem = parsed.ok ? machineMacProblem(parsed.mac) : parsed.reason;
  if (problem || !parsed.ok) {
    ctx.addIssue({ code: "custom", message: problem ?? "mac is invalid" });

    return z.NEVER;
  }

  return parsed.mac;
});

// Only plain spaces around a value are forgiven (a pasted value); a tab, CR or newline anywhere is
// refused, never silently stripped (hostile input gets a 4xx naming the field).
const spacesTrimmed = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === "string" ? value.replace(/^ +| +$/g, "") : value), schema);

// RFC 1123: dot-separated labels of letters, digits and inner hyphens, 63 per label, 253 in all.
// Stored lower-case; it reaches Talos YAML and dnsmasq reservation lines.
const hostnameLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const hostnameSchema = spacesTrimmed(
  z
    .string()
    .max(253, "hostname is longer than 253 characters")
    .toLowerCase()
    .refine((value) => value.split(".").every((label) => hostnameLabel.test(label)), {
      message: "hostname must follow RFC 1123: letters, digits and inner hyphens, labels of 1–63 characters",
    }),
);

export const ipv4Schema = spacesTrimmed(z.string().refine(isIpv4, { message: "must be an IPv4 address like 10.0.0.21" }));

export const installDiskSchema = spacesTrimmed(
  z
    .string()
    .max(128)
    .regex(/^\/dev\/[A-Za-z0-9][A-Za-z0-9/_.:-]*$/, "install disk must be a device path like /dev/sda or /dev/disk/by-id/…")
    .refine((value) => !value.includes(".."), { message: "install disk must not contain .." }),
);

// Free text for admins; shown in the UI only, but still no control characters.
export const notesSchema = z
  .string()
  .max(2000, "notes are longer than 2000 characters")
  .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), { message: "notes must not contain control characters" });

// What firmware reports: SMBIOS UUID, serial and iPXE's build arch. Strict patterns, because
// they are shown in the UI and matched by approval rules.
export const uuidSchema = spacesTrimmed(
  z
    .string()
    .toLowerCase()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "uuid must look like 8-4-4-4-12 hex"),
);
export const serialSchema = spacesTrimmed(
  z.string().max(128, "serial is longer than 128 characters").regex(/^[\x20-\x7e]*$/, "serial must be printable ASCII"),
);
export const archSchema = spacesTrimmed(
  z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9_]{1,16}$/, "arch must be a short word like x86_64 or arm64"),
);

// Empty query values (iPXE sends `uuid=` when the setting is unset) mean "not reported".
const reported = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const bootQuerySchema = z.object({
  uuid: reported(uuidSchema),
  serial: reported(serialSchema),
  arch: reported(archSchema),
});
export type BootQuery = z.infer<typeof bootQuerySchema>;

// Firmware reports garbage sometimes (a blank-filled serial, a non-RFC UUID). Such a machine is
// still registered by its MAC: a value that fails its pattern is dropped (never stored, never
// echoed) and the reason is kept so the service can record an event saying so.
export type DroppedField = { field: "uuid" | "serial" | "arch"; reason: string };
export type MachineReport = { report: BootQuery; dropped: DroppedField[] };

const reportedFields = { uuid: reported(uuidSchema), serial: reported(serialSchema), arch: reported(archSchema) } as const;

export const parseMachineReport = (raw: Record<string, unknown>): MachineReport => {
  const report: BootQuery = {};
  const dropped: DroppedField[] = [];
  for (const field of ["uuid", "serial", "arch"] as const) {
    const parsed = reportedFields[field].safeParse(raw[field]);
    if (parsed.success) {
      if (parsed.data !== undefined) report[field] = parsed.data;
    } else {
      dropped.push({ field, reason: parsed.error.issues[0]?.message ?? `${field} is invalid` });
    }
  }

  return { report, dropped };
};

// uuid, serial and arch are checked by parseMachineReport (dropped when bad, not refused).
export const registerDeviceSchema = z.strictObject({
  mac: z.string().max(64),
  uuid: z.unknown().optional(),
  serial: z.unknown().optional(),
  hostname: reported(hostnameSchema),
  arch: z.unknown().optional(),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceSchema>;

// The register body as the route uses it: the MAC still raw (requireMac answers its 400), the
// reported fields through parseMachineReport, so nothing unchecked goes further.
export const registerBodySchema = registerDeviceSchema.transform(({ mac, hostname, ...reported }) => ({
  mac,
  hostname,
  ...parseMachineReport(reported),
}));

export const configDownloadQuerySchema = z.object({
  token: reported(z.string().max(256)),
});

const optionalText = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const nullableText = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable().optional());

export const approveDeviceSchema = z.strictObject({
  role: z.enum(deviceRoles, { message: "role must be controlplane or worker" }),
  hostname: optionalText(hostnameSchema),
  ipAddress: optionalText(ipv4Schema),
  installDisk: optionalText(installDiskSchema),
});
export type ApproveDeviceInput = z.infer<typeof approveDeviceSchema>;

export const createDeviceSchema = z.strictObject({
  mac: macSchema,
  status: z.enum(["pending", "approved"]).default("pending"),
  role: optionalText(z.enum(deviceRoles)),
  hostname: optionalText(hostnameSchema),
  ipAddress: optionalText(ipv4Schema),
  installDisk: optionalText(installDiskSchema),
  groupId: optionalText(z.string().max(64)),
  notes: optionalText(notesSchema),
  uuid: optionalText(uuidSchema),
  serial: optionalText(serialSchema),
  arch: optionalText(archSchema),
});
export type CreateDeviceInput = z.infer<typeof createDeviceSchema>;

// PUT: fields present are changed; null (or "") clears an optional one.
export const updateDeviceSchema = z.strictObject({
  hostname: nullableText(hostnameSchema),
  ipAddress: nullableText(ipv4Schema),
  role: nullableText(z.enum(deviceRoles)),
  groupId: nullableText(z.string().max(64)),
  installDisk: nullableText(installDiskSchema),
  notes: nullableText(notesSchema),
  bootAction: z.enum(bootActions).optional(),
  approvalProof: inheritedApprovalProofSchema,
});
export type UpdateDeviceInput = z.infer<typeof updateDeviceSchema>;

export const bulkDeviceSchema = z.strictObject({
  action: z.enum(["approve", "reject", "delete"]),
  ids: z.array(z.string().min(1).max(64)).min(1).max(500),
  role: z.enum(deviceRoles).optional(),
});
export type BulkDeviceInput = z.infer<typeof bulkDeviceSchema>;

export const listDevicesQuerySchema = z.object({
  status: z.preprocess((value) => (value === "" ? undefined : value), z.enum(deviceStatuses).optional()),
  q: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(100, "Search is longer than 100 characters").optional()),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;

export const deviceIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

// The API shape of a device: the routes answer it, the OpenAPI document is built from it.
const nullableString = z.string().nullable();
const timestamp = z.string().describe("ISO 8601 time");
export const identityStatuses = ["bound", "mismatch", "unverifiable"] as const;
export const deviceJsonSchema = z.object({
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
  // null = inherit from the group, then the cluster (docs/devices.md, "console-code").
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
  // The last identity check of a boot request (docs/security.md).
  identityStatus: z.enum(identityStatuses).nullable(),
  identityReason: nullableString,
  identityCheckedAt: timestamp.nullable(),
});
export type DeviceJson = z.infer<typeof deviceJsonSchema>;

export const deviceListJsonSchema = listJsonSchema(deviceJsonSchema);
export type DeviceListJson = z.infer<typeof deviceListJsonSchema>;

// POST /api/v1/devices/{id}/config-preview: what the device would download now, secrets as ***.
export const deviceConfigPreviewSchema = z.object({
  deviceId: z.string(),
  role: z.enum(deviceRoles).nullable(),
  yaml: z.string().describe("machine config, secrets replaced by ***"),
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});
export type DeviceConfigPreview = z.infer<typeof deviceConfigPreviewSchema>;

// POST /api/v1/devices/bulk: which ids succeeded and why the others failed.
export const bulkResultSchema = z.object({
  action: bulkDeviceSchema.shape.action,
  succeeded: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

// GET /api/v1/devices/rack: every device (up to rackLimit) as one cell of the Overview's rack grid.
export const rackLimit = 20_000;
export const rackSchema = z.object({
  devices: z.array(z.object({ id: z.string(), mac: z.string(), hostname: z.string().nullable(), stage: z.enum(deviceStages) })),
  counts: z.record(z.enum(deviceStages), z.number().int().min(0)),
  // More devices exist than the grid shows (rackLimit).
  truncated: z.boolean(),
});
export type RackJson = z.infer<typeof rackSchema>;
