// RFC 8628 §3.5 token-endpoint answers from the state of one device authorization.
// https://datatracker.ietf.org/doc/html/rfc8628#section-3.5
export const authorizationStatuses = ["pending", "approved", "denied", "expired", "issued", "used"] as const;
export type AuthorizationStatus = (typeof authorizationStatuses)[number];

export type TokenAnswer =
  | { kind: "issue" }
  | { kind: "error"; error: "authorization_pending" | "access_denied" | "expired_token" | "invalid_grant"; description: string; expire: boolean };

export const deviceCodeLifetimeSeconds = 600;
export const initialIntervalSeconds = 5;
// Talos downloads its config right after the flow, but retries a failed download for a while.
export const accessTokenLifetimeSeconds = 1800;

type AnswerOptions = { status: string; expiresAt: Date; now: Date };

export const tokenAnswer = ({ status, expiresAt, now }: AnswerOptions): TokenAnswer => {
  const lapsed = now.getTime() >= expiresAt.getTime();
  if (status === "denied") return { kind: "error", error: "access_denied", description: "the admin denied this code", expire: false };
  // A token was already handed out for this device code: device codes are single-use.
  if (status === "issued" || status === "used") return { kind: "error", error: "invalid_grant", description: "device code already used", expire: false };
  if (status === "expired" || lapsed) return { kind: "error", error: "expired_token", description: "device code expired: reboot to get a new code", expire: status !== "expired" };
  if (status === "approved") return { kind: "issue" };

  return { kind: "error", error: "authorization_pending", description: "waiting for an admin to enter the code", expire: false };
};
