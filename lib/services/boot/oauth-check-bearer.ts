import { hashToken } from "@/lib/auth/tokens";
import { approvalProofOfDevice } from "@/lib/data/approval-proof";
import { findAuthorizationByAccessToken, transitionAuthorization } from "@/lib/data/device-authorizations";

export type BearerCheck = { ok: true; authorizationId: string | null } | { ok: false; reason: string };

type CheckOptions = { device: { id: string }; bearer?: string; now?: Date };

// The console-code gate of the config download: a device in console-code mode must present the
// access token its own console code earned (Talos sends it as "Authorization: Bearer …"). The
// token is bound to the device the code was asked for, lives 30 minutes and works once.
export const checkConsoleCodeBearer = async ({ device, bearer, now = new Date() }: CheckOptions): Promise<BearerCheck> => {
  if ((await approvalProofOfDevice(device.id)) !== "console-code") return { ok: true, authorizationId: null };
  if (!bearer) return { ok: false, reason: "console code required: no bearer token (approve the code shown on the machine's console)" };
  const row = await findAuthorizationByAccessToken(hashToken(bearer));
  if (!row || row.deviceId !== device.id) return { ok: false, reason: "bearer token is not valid for this device" };
  if (row.status === "used" || row.tokenUsedAt) return { ok: false, reason: "bearer token already used" };
  if (row.status !== "issued" || !row.tokenExpiresAt) return { ok: false, reason: "bearer token is not valid for this device" };
  if (row.tokenExpiresAt.getTime() <= now.getTime()) return { ok: false, reason: "bearer token expired: reboot the machine for a new code" };

  return { ok: true, authorizationId: row.id };
};

// Marks the token used; false when a parallel download used it first.
export const consumeConsoleCodeBearer = (authorizationId: string): Promise<boolean> =>
  transitionAuthorization({ id: authorizationId, from: ["issued"], data: { status: "used", tokenUsedAt: new Date() } });
