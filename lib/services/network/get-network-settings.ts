import { prisma } from "@/lib/db/client";
import type { NetworkSettingsJson } from "@/lib/schemas/network";
import { networkSettingsJson } from "./network-settings-json";

// There is one NetworkSettings row (the oldest, should a race ever have created two).
export const findNetworkSettingsRow = () => prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" } });

export const getNetworkSettings = async (): Promise<NetworkSettingsJson | null> => {
  const row = await findNetworkSettingsRow();

  return row ? networkSettingsJson(row) : null;
};
