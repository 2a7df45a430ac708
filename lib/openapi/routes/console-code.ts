import { z } from "zod";
import { deviceShape } from "@/lib/openapi/response-shapes";
import { ok, type RouteDoc } from "@/lib/openapi/route-doc";
import { approveDeviceCodeSchema, denyDeviceCodeSchema, deviceAuthorizationFormSchema, deviceCodeLookupSchema, deviceTokenFormSchema } from "@/lib/schemas/oauth";

const form = ["application/x-www-form-urlencoded"];
const oauthErrorShape = z.object({ error: z.string(), error_description: z.string() });
const codeShape = z.object({
  id: z.string(),
  status: z.string(),
  sourceIp: z.string().nullable(),
  reportedUuid: z.string().nullable(),
  reportedSerial: z.string().nullable(),
  reportedMac: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
const lookupShape = z.object({ code: codeShape, device: deviceShape, otherPendingCodes: z.number() });

// Console-code approval (docs/devices.md): Talos's OAuth2 device flow (RFC 8628) and the admin side.
export const consoleCodeRoutes: RouteDoc[] = [
  {
    method: "post",
    path: "/api/v1/oauth/device",
    tag: "Machine-facing",
    auth: "public",
    summary: "RFC 8628 device authorization (Talos talos.config.oauth.device_auth_url); ?mac= names the PXE MAC",
    query: z.object({ mac: z.string() }),
    body: deviceAuthorizationFormSchema,
    bodyContentTypes: form,
    responses: {
      200: { description: "device_code, user_code, verification_uri(_complete), expires_in, interval", schema: z.object({ device_code: z.string(), user_code: z.string(), verification_uri: z.string(), verification_uri_complete: z.string(), expires_in: z.number(), interval: z.number() }) },
      400: { description: "invalid_request, invalid_client, unauthorized_client, access_denied", schema: oauthErrorShape },
      429: { description: "slow_down: too many codes from this address", schema: oauthErrorShape },
    },
  },
  {
    method: "post",
    path: "/api/v1/oauth/token",
    tag: "Machine-facing",
    auth: "public",
    summary: "RFC 8628 device access token polling (Talos talos.config.oauth.token_url)",
    body: deviceTokenFormSchema,
    bodyContentTypes: form,
    responses: {
      200: { description: "access_token, token_type Bearer, expires_in", schema: z.object({ access_token: z.string(), token_type: z.string(), expires_in: z.number() }) },
      400: { description: "authorization_pending, slow_down, access_denied, expired_token, invalid_grant, invalid_client, unsupported_grant_type", schema: oauthErrorShape },
      401: { description: "invalid_client with HTTP Basic auth", schema: oauthErrorShape },
    },
  },
  { method: "post", path: "/api/v1/device-codes/lookup", tag: "Devices", auth: "admin", summary: "The waiting device a console code belongs to", body: deviceCodeLookupSchema, responses: { ...ok("the code request and its device", lookupShape), 404: { description: "no device waits for this code" } } },
  { method: "post", path: "/api/v1/device-codes/approve", tag: "Devices", auth: "admin", summary: "Approve a console code; a pending device is approved with it (role required then)", body: approveDeviceCodeSchema, responses: { ...ok("approved", lookupShape), 404: { description: "no device waits for this code" }, 409: { description: "decided meanwhile, device rejected, hostname or IP taken" } } },
  { method: "post", path: "/api/v1/device-codes/deny", tag: "Devices", auth: "admin", summary: "Deny a console code; the machine gets access_denied", body: denyDeviceCodeSchema, responses: { ...ok("denied", lookupShape), 404: { description: "no device waits for this code" } } },
];
