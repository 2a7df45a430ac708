import { prisma } from "@/lib/db/client";

// The stored half of the Overview's setup checklist, in three small reads.
export const readSetupRows = async () => {
  const [cluster, network, devicesSeen] = await Promise.all([
    prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { talosVersion: true, secretsGeneratedAt: true, generatedAt: true } }),
    prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { appliedHash: true, assetSource: true } }),
    prisma.device.count(),
  ]);

  return { cluster, network, devicesSeen };
};
