import "server-only";
import { prisma } from "@/lib/db/client";

// The single cluster settings row is the oldest one (see lib/services/cluster/get-cluster-settings.ts).
export const findClusterEndpoint = async (): Promise<string | null> => {
  const row = await prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { endpoint: true } });

  return row?.endpoint ?? null;
};
