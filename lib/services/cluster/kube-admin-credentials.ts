import type { KubeCredentials } from "@/lib/kubernetes-api";
import { issueKubernetesAdminCertificate } from "./kubernetes-admin-certificate";
import { loadClusterSecrets } from "./load-cluster-secrets";

// The collector's own Kubernetes identity: an O=system:masters certificate that lives one hour and
// is replaced after half of that, so a leaked snapshot of the worker's memory ages out quickly.
const lifetimeMs = 3_600_000;
let cached: { secretsEnc: string; credentials: KubeCredentials; renewAt: number } | undefined;

export const kubeAdminCredentials = async (secretsEnc: string | null, now = Date.now()): Promise<KubeCredentials> => {
  if (cached && cached.secretsEnc === secretsEnc && now < cached.renewAt) return cached.credentials;
  const { bundle } = await loadClusterSecrets(secretsEnc);
  const admin = await issueKubernetesAdminCertificate({ k8sCa: bundle.certs.k8s, lifetimeMs });
  const credentials = { caPem: bundle.certs.k8s.crt, crtPem: admin.crt, keyPem: admin.key };
  cached = { secretsEnc: secretsEnc ?? "", credentials, renewAt: now + lifetimeMs / 2 };

  return credentials;
};
