import type { Actor } from "@/lib/auth/principal";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { withTalosconfigEndpoints } from "@/lib/domain/talos/build-talosconfig";
import { recordEvent } from "@/lib/events/record-event";
import { getClusterSettingsRowOrThrow } from "./get-cluster-settings-or-throw";

type GetClusterTalosconfigOptions = { actor: Actor; sourceIp?: string | null };

// The admin talosconfig, with endpoints = the static IPs of approved control-plane devices.
// It holds the admin client key, so every download is logged.
export const getClusterTalosconfig = async ({ actor, sourceIp }: GetClusterTalosconfigOptions): Promise<string> => {
  const row = await getClusterSettingsRowOrThrow();
  if (!row.talosconfigEnc) throw new AppError("not_ready", "cluster configuration has not been generated yet");
  const [stored, devices] = await Promise.all([
    decryptSecret("cluster.talosconfig", row.talosconfigEnc),
    prisma.device.findMany({
      where: { status: "approved", role: "controlplane", ipAddress: { not: null } },
      select: { ipAddress: true },
      orderBy: { ipAddress: "asc" },
    }),
  ]);
  const endpoints = devices.map((device) => device.ipAddress).filter((ip): ip is string => Boolean(ip));
  await recordEvent({ type: "cluster.talosconfig_downloaded", actor, sourceIp, details: { endpoints } });

  return withTalosconfigEndpoints(stored, endpoints);
};
