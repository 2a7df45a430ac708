import type { Actor } from "@/lib/auth/principal";
import { recordEvent } from "@/lib/events/record-event";
import { getClusterSettingsRecordOrThrow } from "./get-cluster-settings-or-throw";
import { loadClusterSecrets } from "./load-cluster-secrets";

type ExportClusterSecretsOptions = { actor: Actor; sourceIp?: string | null };

// secrets.yaml for `talosctl --with-secrets`; admin only, and every export is in the audit log.
export const exportClusterSecrets = async ({ actor, sourceIp }: ExportClusterSecretsOptions): Promise<string> => {
  const record = await getClusterSettingsRecordOrThrow();
  const { yaml } = await loadClusterSecrets(record.sealed.secretsEnc);
  await recordEvent({ type: "cluster.secrets_exported", actor, sourceIp, details: {} });

  return yaml;
};
