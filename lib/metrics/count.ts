import { metrics } from "@/lib/metrics/registry";

// Small, dependency-free entry points other code calls; they never throw into a request.
export const countIpxeScript = (kind: string): void => {
  metrics().ipxeScripts.inc({ kind });
};

export const countConfigDownload = (result: "served" | "refused" | "not_ready" | "error"): void => {
  metrics().configDownloads.inc({ result });
};

export const countWebhookDelivery = (result: "delivered" | "retry" | "failed"): void => {
  metrics().webhookDeliveries.inc({ result });
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
