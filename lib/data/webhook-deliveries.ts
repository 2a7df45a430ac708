import { prisma } from "@/lib/db/client";

// Retention: delivered webhook deliveries older than `before`. Pending and failed ones stay: they
// are still work or still evidence of a receiver that is down.
export const deleteDeliveredDeliveriesBefore = async (before: Date): Promise<number> => {
  const { count } = await prisma.webhookDelivery.deleteMany({ where: { status: "delivered", deliveredAt: { lt: before } } });

  return count;
};
