import type { ClaimedDelivery } from "@/lib/data/webhook-deliveries";

export type AttemptResult = { outcome: "delivered" | "retry" | "failed"; retryAt: Date | null };

// Claimed deliveries grouped by webhook, each group in event order: creation time, then id (cuids
// made in one process sort in creation order within a millisecond).
export const byWebhookInEventOrder = (claimed: ClaimedDelivery[]): ClaimedDelivery[][] => {
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const delivery of claimed) groups.set(delivery.webhookId, [...(groups.get(delivery.webhookId) ?? []), delivery]);

  return [...groups.values()].map((group) =>
    group.toSorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
};
