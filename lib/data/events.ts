import { prisma } from "@/lib/db/client";

// Retention: events older than `before` (the audit log is bounded by age, docs/flood-bounds.md).
export const deleteEventsBefore = async (before: Date): Promise<number> => {
  const { count } = await prisma.event.deleteMany({ where: { createdAt: { lt: before } } });

  return count;
};
