import { z } from "zod";
import { normalizeUserCode } from "@/lib/domain/oauth/user-code";
import { approveDeviceSchema, serialSchema, uuidSchema } from "@/lib/schemas/device";

const reported = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

// RFC 8628 §3.1 device authorization request as golang.org/x/oauth2 sends it for Talos:
// client_id, scope when configured, audience when configured, and one field per extra variable.
// Unknown fields are ignored (an admin may add more extra_variable arguments).
export const deviceAuthorizationFormSchema = z.object({
  client_id: z.string().max(128).optional(),
  scope: z.string().max(512).optional(),
  uuid: reported(uuidSchema),
  serial: reported(serialSchema),
  mac: reported(z.string().max(64)),
});
export type DeviceAuthorizationForm = z.infer<typeof deviceAuthorizationFormSchema>;

// RFC 8628 §3.4 device access token request; client_id may instead come in HTTP Basic auth.
export const deviceTokenFormSchema = z.object({
  grant_type: z.string().max(128).optional(),
  device_code: z.string().max(256).optional(),
  client_id: z.string().max(128).optional(),
});
export type DeviceTokenForm = z.infer<typeof deviceTokenFormSchema>;

// What the admin types: the code shown on the machine's console.
export const userCodeSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeUserCode(value);
  if (!normalized.ok) {
    ctx.addIssue({ code: "custom", message: normalized.reason });

    return z.NEVER;
  }

  return normalized.code;
});

export const deviceCodeLookupSchema = z.strictObject({ code: userCodeSchema });
export const denyDeviceCodeSchema = deviceCodeLookupSchema;
// Approving the code of a pending device approves the device too, as the approve dialog does; the
// role is then required (checked by the use-case, which knows the device's status).
export const approveDeviceCodeSchema = approveDeviceSchema.partial().extend({ code: userCodeSchema });
export type ApproveDeviceCodeInput = z.output<typeof approveDeviceCodeSchema>;

export type DeviceCodeJson = {
  id: string;
  status: string;
  sourceIp: string | null;
  reportedUuid: string | null;
  reportedSerial: string | null;
  reportedMac: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
};
