import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { findAuthorizationByDeviceCode, recordPoll, transitionAuthorization, type DeviceAuthorization } from "@/lib/data/device-authorizations";
import { decidePoll } from "@/lib/domain/oauth/decide-poll";
import { oauthClientId } from "@/lib/domain/oauth/talos-oauth-args";
import { accessTokenLifetimeSeconds, tokenAnswer } from "@/lib/domain/oauth/token-answer";
import { recordEvent } from "@/lib/events/record-event";
import { deviceTokenFormSchema } from "@/lib/schemas/oauth";
import type { OauthRequest } from "./oauth-read-request";
import { invalidClient, oauthError, refuseOauth, type OauthReply } from "./oauth-reply";

export const deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

type PollOptions = { request: OauthRequest; sourceIp: string | null; now?: Date };

const deviceOf = (row: DeviceAuthorization) => ({ id: row.deviceId, mac: row.reportedMac ?? row.deviceId });

const expire = async (row: DeviceAuthorization, sourceIp: string | null): Promise<void> => {
  if (!(await transitionAuthorization({ id: row.id, from: ["pending", "approved"], data: { status: "expired" } }))) return;
  await recordEvent({
    type: "device.code_expired",
    actor: { type: "system", name: "ktizo" },
    sourceIp,
    deviceId: row.deviceId,
    details: { authorizationId: row.id, requestedFrom: row.sourceIp },
  });
};

// Hands out the one access token of an approved code; a second poll racing it loses.
const issueToken = async (row: DeviceAuthorization, now: Date): Promise<OauthReply> => {
  const accessToken = generateSecretToken();
  const issued = await transitionAuthorization({
    id: row.id,
    from: ["approved"],
    data: { status: "issued", accessTokenHash: hashToken(accessToken), tokenExpiresAt: new Date(now.getTime() + accessTokenLifetimeSeconds * 1000) },
  });
  if (!issued) return oauthError("invalid_grant", "device code already used");

  // RFC 6749 §5.1; x/oauth2 turns token_type "Bearer" into "Authorization: Bearer <token>".
  return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: accessTokenLifetimeSeconds } };
};

const answerByState = async (row: DeviceAuthorization, sourceIp: string | null, now: Date): Promise<OauthReply> => {
  const answer = tokenAnswer({ status: row.status, expiresAt: row.expiresAt, now });
  if (answer.kind === "issue") return issueToken(row, now);
  if (answer.expire) await expire(row, sourceIp);

  return oauthError(answer.error, answer.description);
};

// POST /api/v1/oauth/token: RFC 8628 §3.4–3.5 device access token polling, as Talos polls.
export const pollDeviceToken = async ({ request, sourceIp, now = new Date() }: PollOptions): Promise<OauthReply> => {
  const refuse = (reply: OauthReply, row?: DeviceAuthorization) => refuseOauth({ reply, endpoint: "token", sourceIp, device: row ? deviceOf(row) : null });
  const form = deviceTokenFormSchema.safeParse(request.form);
  if (!form.success) return refuse(oauthError("invalid_request", "malformed token request"));
  if (form.data.grant_type !== deviceCodeGrantType) return refuse(oauthError("unsupported_grant_type", `grant_type must be ${deviceCodeGrantType}`));
  const { client_id: bodyClientId, device_code: deviceCode } = form.data;
  if (bodyClientId && request.basicClientId && bodyClientId !== request.basicClientId) return refuse(oauthError("invalid_request", "client_id differs from the Basic auth client"));
  const clientId = bodyClientId ?? request.basicClientId;
  if (clientId !== oauthClientId) return refuse(invalidClient(Boolean(request.basicClientId)));
  if (!deviceCode) return refuse(oauthError("invalid_request", "device_code is required"));

  const row = await findAuthorizationByDeviceCode(hashToken(deviceCode));
  if (!row) return refuse(oauthError("invalid_grant", "unknown device code"));
  if (row.clientId !== clientId) return refuse(oauthError("invalid_client", "device code was issued to another client"), row);

  const decision = decidePoll(row, now);
  if (decision.kind === "too-fast") {
    await recordPoll({ id: row.id, previousPollAt: row.lastPollAt, data: { lastPollAt: now, lastPollRepeat: false, lastAnswer: "slow_down", interval: decision.interval } });

    return oauthError("slow_down", `polling faster than every ${row.interval} s; now every ${decision.interval} s`);
  }
  if (decision.kind === "repeat" && decision.answer === "slow_down") {
    await recordPoll({ id: row.id, previousPollAt: row.lastPollAt, data: { lastPollRepeat: true } });

    return oauthError("slow_down", `polling too fast; now every ${row.interval} s`);
  }
  // Issuing the token is itself conditional (issueToken), so two racing polls never both get one.
  const reply = await answerByState(row, sourceIp, now);
  const answered = String(reply.body.error ?? "token");
  const pollData = decision.kind === "poll" ? { lastPollAt: now, lastPollRepeat: false, lastAnswer: answered } : { lastPollRepeat: true, lastAnswer: answered };
  await recordPoll({ id: row.id, previousPollAt: row.lastPollAt, data: pollData });
  const refused = reply.body.error === "invalid_grant" || reply.body.error === "invalid_client";

  return refused ? refuse(reply, row) : reply;
};
