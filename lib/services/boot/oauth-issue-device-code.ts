import { randomBytes } from "node:crypto";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { approvalProofOfDevice } from "@/lib/data/approval-proof";
import { countIssuedSince, countLivePending, createDeviceAuthorization, deleteExpiredDeviceAuthorizations, type NewDeviceAuthorization } from "@/lib/data/device-authorizations";
import { findBootDevice } from "@/lib/data/boot-devices";
import { isUniqueViolation } from "@/lib/data/unique-violation";
import { parseMac } from "@/lib/domain/mac";
import { oauthClientId, verificationUri } from "@/lib/domain/oauth/talos-oauth-args";
import { deviceCodeLifetimeSeconds, initialIntervalSeconds } from "@/lib/domain/oauth/token-answer";
import { formatUserCode, userCodeFromBytes } from "@/lib/domain/oauth/user-code";
import { recordEvent } from "@/lib/events/record-event";
import { deviceAuthorizationFormSchema } from "@/lib/schemas/oauth";
import { loadBootSettings } from "./load-boot-settings";
import type { OauthRequest } from "./oauth-read-request";
import { invalidClient, oauthError, refuseOauth, type OauthReply } from "./oauth-reply";

// Anonymous callers must not grow the table without bound (docs/devices.md, "console-code"):
// a source IP may hold a few live codes and ask for a few per minute; all IPs together are capped.
export const deviceCodeLimits = { livePerIp: 4, perIpPerMinute: 8, liveTotal: 500, keepExpiredHours: 24 };

type IssueOptions = { request: OauthRequest; sourceIp: string | null; requestOrigin: string; now?: Date };

const newUserCode = (): string => {
  for (;;) {
    const code = userCodeFromBytes(randomBytes(32));
    if (code) return code;
  }
};

// User codes are unique among stored rows; a collision (1 in ~5e7 at the global cap) draws again.
const createWithFreshUserCode = async (data: Omit<NewDeviceAuthorization, "userCodeHash">) => {
  for (let attempt = 1; ; attempt += 1) {
    const userCode = newUserCode();
    try {
      return { row: await createDeviceAuthorization({ ...data, userCodeHash: hashToken(userCode) }), userCode };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
};

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }): string => {
  const issue = error.issues[0];

  return issue ? `${issue.path.map(String).join(".") || "request"}: ${issue.message}` : "invalid request";
};

const rateLimited = async (sourceIp: string | null, now: Date): Promise<OauthReply | null> => {
  const [liveForIp, recentForIp, liveTotal] = await Promise.all([
    countLivePending({ sourceIp, now }),
    countIssuedSince({ sourceIp, since: new Date(now.getTime() - 60_000) }),
    countLivePending({ now }),
  ]);
  if (liveForIp >= deviceCodeLimits.livePerIp) return oauthError("slow_down", `${liveForIp} codes of this address are still waiting; wait for them to expire`, 429);
  if (recentForIp >= deviceCodeLimits.perIpPerMinute) return oauthError("slow_down", "too many codes asked from this address in the last minute", 429);
  if (liveTotal >= deviceCodeLimits.liveTotal) return oauthError("temporarily_unavailable", "too many codes are waiting for approval", 503);

  return null;
};

// POST /api/v1/oauth/device: RFC 8628 §3.1–3.2 device authorization, as Talos calls it.
export const issueDeviceCode = async ({ request, sourceIp, requestOrigin, now = new Date() }: IssueOptions): Promise<OauthReply> => {
  const refuse = (reply: OauthReply, device?: { id: string; mac: string } | null) => refuseOauth({ reply, endpoint: "device", sourceIp, device });
  const mac = parseMac(request.query.mac);
  if (!mac.ok) return refuse(oauthError("invalid_request", `mac: ${mac.reason}`));
  const parsed = deviceAuthorizationFormSchema.safeParse(request.form);
  if (!parsed.success) return refuse(oauthError("invalid_request", firstIssue(parsed.error)));
  const clientId = parsed.data.client_id ?? request.basicClientId;
  if (clientId !== oauthClientId) return refuse(invalidClient(Boolean(request.basicClientId)));
  const limited = await rateLimited(sourceIp, now);
  if (limited) return refuse(limited);

  const found = await findBootDevice(mac.mac);
  const device = found && { id: found.id, mac: found.mac, status: found.status };
  if (!device) return refuse(oauthError("invalid_request", "unknown device: PXE-boot it through ktizo first"));
  if (device.status === "rejected") return refuse(oauthError("access_denied", "device is rejected"), device);
  if ((await approvalProofOfDevice(device.id)) !== "console-code") return refuse(oauthError("unauthorized_client", "device is not in console-code mode"), device);
  const reportedMac = parsed.data.mac ? parseMac(parsed.data.mac) : null;

  const deviceCode = generateSecretToken();
  const expiresAt = new Date(now.getTime() + deviceCodeLifetimeSeconds * 1000);
  const { row, userCode } = await createWithFreshUserCode({
    deviceId: device.id,
    deviceCodeHash: hashToken(deviceCode),
    clientId,
    sourceIp,
    reportedUuid: parsed.data.uuid ?? null,
    reportedSerial: parsed.data.serial ?? null,
    reportedMac: reportedMac?.ok ? reportedMac.mac : null,
    expiresAt,
    interval: initialIntervalSeconds,
  });
  await deleteExpiredDeviceAuthorizations(new Date(now.getTime() - deviceCodeLimits.keepExpiredHours * 3600_000));
  await recordEvent({
    type: "device.code_issued",
    actor: { type: "device", id: device.id, name: device.mac },
    sourceIp,
    deviceId: device.id,
    details: { authorizationId: row.id, reportedUuid: row.reportedUuid, reportedSerial: row.reportedSerial, reportedMac: row.reportedMac, expiresAt: expiresAt.toISOString() },
  });
  const base = (await loadBootSettings()).httpBaseUrl ?? requestOrigin;
  const shown = formatUserCode(userCode);

  return {
    status: 200,
    body: {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: verificationUri(base),
      verification_uri_complete: `${verificationUri(base)}?code=${shown}`,
      expires_in: deviceCodeLifetimeSeconds,
      interval: initialIntervalSeconds,
    },
  };
};
