import { prisma } from "@/lib/db/client";

type ClaimOptions = { now: Date; leaseMs: number; limit: number; ids?: string[] };

// Takes due pending deliveries by pushing their nextAttemptAt past a lease, with a compare-and-set
// on the value read: two dispatchers (two processes, or an old and a new one) never both claim the
// same row. If this process dies mid-send, the row simply becomes due again when the lease ends,
// which is what makes the outbox survive restarts without losing a delivery.
export const claimDueDeliveries = async ({ now, leaseMs, limit, ids }: ClaimOptions): Promise<string[]> => {
  const due = await prisma.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, nextAttemptAt: true },
  });
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed: string[] = [];
  for (const row of due) {
    const { count } = await prisma.webhookDelivery.updateMany({
      where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: leaseUntil },
    });
    if (count === 1) claimed.push(row.id);
  }

  return claimed;
};
