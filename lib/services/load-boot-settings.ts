import { prisma } from "@/lib/db/client";

// Everything the machine-facing routes need from the settings rows, with the product defaults
// when a row does not exist yet (a machine may PXE-boot before the admin saved anything).
export type BootSettings = {
  httpBaseUrl: string | null;
  pollSeconds: number;
  extraKernelArgs: string;
  provisionWindowMinutes: number;
  allowMacOnlyDownload: boolean;
  pendingHoldSeconds: number;
  talosVersion: string | null;
  configGenerated: boolean;
};

export const loadBootSettings = async (): Promise<BootSettings> => {
  const [network, cluster] = await Promise.all([
    prisma.networkSettings.findFirst({ orderBy: { createdAt: "asc" } }),
    prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" } }),
  ]);

  return {
    httpBaseUrl: network?.httpBaseUrl ?? null,
    pollSeconds: network?.ipxePollSeconds ?? 10,
    extraKernelArgs: network?.extraKernelArgs ?? "",
    provisionWindowMinutes: network?.provisionWindowMinutes ?? 60,
    allowMacOnlyDownload: network?.allowMacOnlyDownload ?? false,
    pendingHoldSeconds: network?.pendingHoldSeconds ?? 60,
    talosVersion: cluster?.talosVersion ?? null,
    configGenerated: Boolean(cluster?.generatedAt && cluster.controlPlaneConfigEnc && cluster.workerConfigEnc),
  };
};
