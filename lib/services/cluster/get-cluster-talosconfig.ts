import type { Actor } from "@/lib/auth/principal";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { listControlPlaneIps } from "@/lib/data/devices";
import { AppError } from "@/lib/domain/errors";
import { withTalosconfigEndpoints } from "@/lib/domain/talos/build-talosconfig";
import { recordEvent } from "@/lib/events/record-event";
import { getClusterSettingsRecordOrThrow } from "./get-cluster-settings-or-throw";

type GetClusterTalosconfigOptions = { actor: Actor; sourceIp?: string | null };

// The admin talosconfig, with endpoints = the static IPs of approved control-plane devices.
// It holds the admin client key, so every download is logged.
export const getClusterTalosconfig = async ({ actor, sourceIp }: GetClusterTalosconfigOptions): Promise<string> => {
  const { sealed } = await getClusterSettingsRecordOrThrow();
  if (!sealed.talosconfigEnc) throw new AppError("not_ready", "cluster configuration has not been generated yet");
  const [stored, endpoints] = await Promise.all([decryptSecret("cluster.talosconfig", sealed.talosconfigEnc), listControlPlaneIps()]);
  await recordEvent({ type: "cluster.talosconfig_downloaded", actor, sourceIp, details: { endpoints } });

  return withTalosconfigEndpoints(stored, endpoints);
};
