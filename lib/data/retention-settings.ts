import { prisma } from "@/lib/db/client";
import { networkSettingsDefaults } from "@/lib/schemas/network";

export type RetentionDays = { eventRetentionDays: number; tokenRetentionDays: number; deliveryRetentionDays: number };

// The retention settings of the (first) network settings row, or the defaults before one exists.
export const readRetentionDays = async (): Promise<RetentionDays> => {
  const row = await prisma.networkSettings.findFirst({
    orderBy: { createdAt: "asc" },
    select: { eventRetentionDays: true, tokenRetentionDays: true, deliveryRetentionDays: true },
  });

  return (
    row ?? {
      eventRetentionDays: networkSettingsDefaults.eventRetentionDays,
      tokenRetentionDays: networkSettingsDefaults.tokenRetentionDays,
      deliveryRetentionDays: networkSettingsDefaults.deliveryRetentionDays,
    }
  );
};
