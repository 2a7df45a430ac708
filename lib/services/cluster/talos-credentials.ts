import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { AppError } from "@/lib/domain/errors";
import { talosconfigCredentials } from "@/lib/domain/talos/talosconfig-credentials";
import type { TalosCredentials } from "@/lib/talos-api";

// The os:admin identity ktizo uses on the Talos API: the one in the cluster's generated talosconfig.
export const loadTalosCredentials = async (talosconfigEnc: string | null): Promise<TalosCredentials> => {
  if (!talosconfigEnc) throw new AppError("not_ready", "cluster configuration has not been generated yet");

  return talosconfigCredentials(await decryptSecret("cluster.talosconfig", talosconfigEnc));
};
