import type { Db, Tx } from "@/lib/db/client";
import type { Event } from "@/lib/generated/prisma/client";
import { observeApproval } from "@/lib/metrics/count";

type ObserveOptions = { event: Event; tx: Tx | Db };

// Metrics that follow from the audit log itself: every approval, by an admin, a token or a rule,
// is recorded as a device.approved event, so timing it here covers all of them in one place.
export const observeEventMetrics = async ({ event, tx }: ObserveOptions): Promise<void> => {
  if (event.type !== "device.approved" || !event.deviceId) return;
  const device = await tx.device.findUnique({ where: { id: event.deviceId }, select: { firstSeenAt: true, approvedAt: true } });
  if (!device) return;
  observeApproval({ firstSeenAt: device.firstSeenAt, approvedAt: device.approvedAt ?? event.createdAt, actorType: event.actorType });
};
