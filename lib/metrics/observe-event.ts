import type { Db } from "@/lib/data/db";
import { findApprovalTimes, findApprovalTimesNow } from "@/lib/data/devices";
import type { StoredEvent } from "@/lib/data/events";
import type { NowTx } from "@/lib/data/write-now";
import { observeApproval } from "@/lib/metrics/count";

type ObserveOptions = { event: StoredEvent; tx?: Db };
type ApprovalTimes = { firstSeenAt: Date; approvedAt: Date | null } | null;

const observes = (event: StoredEvent): event is StoredEvent & { deviceId: string } => event.type === "device.approved" && Boolean(event.deviceId);

const observeTimes = (event: StoredEvent, device: ApprovalTimes): void => {
  if (device) observeApproval({ firstSeenAt: device.firstSeenAt, approvedAt: device.approvedAt ?? event.createdAt, actorType: event.actorType });
};

// Metrics that follow from the audit log itself: every approval, by an admin, a token or a rule,
// is recorded as a device.approved event, so timing it here covers all of them in one place.
export const observeEventMetrics = async ({ event, tx }: ObserveOptions): Promise<void> => {
  if (observes(event)) observeTimes(event, await findApprovalTimes({ id: event.deviceId, db: tx }));
};

// The same inside a synchronous write transaction (lib/data/write-now.ts).
export const observeEventMetricsNow = ({ event, tx }: { event: StoredEvent; tx: NowTx }): void => {
  if (observes(event)) observeTimes(event, findApprovalTimesNow({ id: event.deviceId, tx }));
};
