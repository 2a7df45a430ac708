import type { Db } from "@/lib/data/db";
import { findApprovalTimes } from "@/lib/data/devices";
import type { StoredEvent } from "@/lib/data/events";
import { observeApproval } from "@/lib/metrics/count";

type ObserveOptions = { event: StoredEvent; tx?: Db };

// Metrics that follow from the audit log itself: every approval, by an admin, a token or a rule,
// is recorded as a device.approved event, so timing it here covers all of them in one place.
export const observeEventMetrics = async ({ event, tx }: ObserveOptions): Promise<void> => {
  if (event.type !== "device.approved" || !event.deviceId) return;
  const device = await findApprovalTimes({ id: event.deviceId, db: tx });
  if (!device) return;
  observeApproval({ firstSeenAt: device.firstSeenAt, approvedAt: device.approvedAt ?? event.createdAt, actorType: event.actorType });
};
