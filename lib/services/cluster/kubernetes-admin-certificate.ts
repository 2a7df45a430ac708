import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { CertAndKey } from "@/lib/domain/talos/certificates";
import { issueLeafCertificate } from "@/lib/domain/talos/leaf-certificate";

type IssueOptions = { k8sCa: CertAndKey; lifetimeMs: number };

// Kubernetes maps a client certificate's CN to the user and each O to a group; system:masters is
// bound to cluster-admin (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles).
export const issueKubernetesAdminCertificate = async ({ k8sCa, lifetimeMs }: IssueOptions): Promise<CertAndKey & { expiresAt: string }> => {
  const cert = await issueLeafCertificate({ ca: k8sCa, commonName: "admin", organizations: ["system:masters"], usage: "client", lifetimeMs });

  return { ...cert, expiresAt: new x509.X509Certificate(cert.crt).notAfter.toISOString() };
};
