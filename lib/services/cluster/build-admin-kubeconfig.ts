import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { buildKubeconfig } from "@/lib/domain/cluster/kubeconfig";
import { recordEvent } from "@/lib/events/record-event";
import { getClusterSettingsRecordOrThrow } from "./get-cluster-settings-or-throw";
import { loadClusterSecrets } from "./load-cluster-secrets";
import { issueKubernetesAdminCertificate } from "./kubernetes-admin-certificate";

type BuildAdminKubeconfigOptions = { actor: Actor; sourceIp?: string | null; ttlHours?: number };

export type AdminKubeconfig = { kubeconfig: string; clusterName: string; expiresAt: string };

// An admin kubeconfig: a fresh client certificate (O=system:masters) from the cluster's Kubernetes
// CA that lives `kubeconfigTtlHours` (cluster setting, default 24 h) unless the caller asks for
// less or more; the server is the cluster endpoint. It grants full control, so it is logged.
export const buildAdminKubeconfig = async ({ actor, sourceIp = null, ttlHours }: BuildAdminKubeconfigOptions): Promise<AdminKubeconfig> => {
  const { settings, sealed } = await getClusterSettingsRecordOrThrow();
  const { bundle } = await loadClusterSecrets(sealed.secretsEnc);
  const hours = ttlHours ?? settings.kubeconfigTtlHours;
  if (!Number.isInteger(hours) || hours < 1 || hours > 8760) throw new AppError("validation_failed", "hours must be a whole number from 1 to 8760", [{ path: "hours", message: "must be 1-8760" }]);
  const admin = await issueKubernetesAdminCertificate({ k8sCa: bundle.certs.k8s, lifetimeMs: hours * 3_600_000 });
  const kubeconfig = buildKubeconfig({ clusterName: settings.name, server: settings.endpoint, caPem: bundle.certs.k8s.crt, crtPem: admin.crt, keyPem: admin.key });
  await recordEvent({ type: "cluster.kubeconfig_downloaded", actor, sourceIp, details: { hours, expiresAt: admin.expiresAt } });

  return { kubeconfig, clusterName: settings.name, expiresAt: admin.expiresAt };
};
