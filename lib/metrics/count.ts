import { metrics } from "@/lib/metrics/registry";

// Small, dependency-free entry points other code calls; they never throw into a request.
export const countIpxeScript = (kind: string): void => {
  metrics().ipxeScripts.inc({ kind });
};

export const countConfigDownload = (result: "served" | "refused" | "not_ready" | "error"): void => {
  metrics().configDownloads.inc({ result });
};

// Deliveries happen in the worker (worker/jobs/webhooks-job.ts), which publishes its totals in its
// status file; a dispatcher run in this process (a test send) counts here. /metrics shows the sum
// (set-scrape-gauges.ts).
type DeliveryResult = "delivered" | "retry" | "failed";
const globalForDeliveries = globalThis as unknown as { ktizoLocalDeliveries?: Record<DeliveryResult, number> };
export const localWebhookDeliveries = (): Record<DeliveryResult, number> => (globalForDeliveries.ktizoLocalDeliveries ??= { delivered: 0, retry: 0, failed: 0 });

export const countWebhookDelivery = (result: DeliveryResult): void => {
  localWebhookDeliveries()[result] += 1;
  metrics().webhookDeliveries.inc({ result });
};

export const countRegistrationRefused = (reason: "rate_limited" | "pending_cap"): void => {
  metrics().registrationsRefused.inc({ reason });
};

export const setHeldDownloads = (count: number): void => {
  metrics().heldDownloads.set(count);
};

type ApprovalTiming = { firstSeenAt: Date; approvedAt: Date; actorType: string };

export const observeApproval = ({ firstSeenAt, approvedAt, actorType }: ApprovalTiming): void => {
  const seconds = Math.max(0, (approvedAt.getTime() - firstSeenAt.getTime()) / 1000);
  metrics().approvalSeconds.observe({ actor: actorType }, seconds);
};

export const countConfigRefusal = (reason: string): void => {
  metrics().configRefusals.inc({ reason });
};

export const countIdentityMismatch = (stage: "script" | "download" | "register"): void => {
  metrics().identityMismatches.inc({ stage });
};

export const countOauthRefusal = ({ endpoint, error }: { endpoint: "device" | "token"; error: string }): void => {
  metrics().oauthRefusals.inc({ endpoint, error });
};
