import { recordEvent } from "@/lib/events/record-event";
import { countOauthRefusal } from "@/lib/metrics/count";
import { admitBoundedEvent, boundedDetails } from "./bounded-events";

// Answers of the OAuth2 endpoints: JSON as RFC 6749 §5.1/5.2 and RFC 8628 §3.2/3.5 define them
// (error + error_description, HTTP 400), not ktizo's { error: { code, message } } shape, because
// Talos's client (golang.org/x/oauth2) reads `error` as a string.
export type OauthReply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export type OauthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "authorization_pending"
  | "slow_down"
  | "access_denied"
  | "expired_token"
  | "temporarily_unavailable";

export const oauthError = (error: OauthErrorCode, description: string, status = 400, headers?: Record<string, string>): OauthReply => ({
  status,
  body: { error, error_description: description },
  headers,
});

// RFC 6749 §5.2: a client that tried HTTP Basic authentication gets 401 with WWW-Authenticate.
export const invalidClient = (usedBasic: boolean): OauthReply =>
  usedBasic
    ? oauthError("invalid_client", "unknown client_id", 401, { "www-authenticate": 'Basic realm="ktizo"' })
    : oauthError("invalid_client", "unknown client_id");

type RefusalOptions = { reply: OauthReply; endpoint: "device" | "token"; sourceIp: string | null; device?: { id: string; mac: string } | null };

// Every refusal is counted in /metrics (ktizo_oauth_refusals_total) and recorded in the audit log
// with the reason the machine got, bounded like refused config downloads (bounded-events.ts): once
// per device + endpoint + error + source address a minute, the next event carrying how many repeats
// it stands for, and at most 60 a minute in all. Both endpoints are anonymous: without the bound,
// every made-up device code would be an audit row (docs/flood-bounds.md).
export const refuseOauth = async ({ reply, endpoint, sourceIp, device }: RefusalOptions): Promise<OauthReply> => {
  const error = String(reply.body.error);
  countOauthRefusal({ endpoint, error });
  const admission = admitBoundedEvent({ key: `${device?.id ?? "-"}|${endpoint}|${error}|${sourceIp ?? "-"}`, type: "device.code_refused" });
  if (!admission.record) return reply;
  await recordEvent({
    type: "device.code_refused",
    actor: device ? { type: "device", id: device.id, name: device.mac } : { type: "system", name: "ktizo" },
    sourceIp,
    deviceId: device?.id ?? null,
    details: { endpoint, error, reason: reply.body.error_description, ...boundedDetails(admission) },
  });

  return reply;
};
