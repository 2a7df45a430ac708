import { stringify } from "yaml";
import { pemToB64 } from "@/lib/domain/talos/pem";

export type KubeconfigInput = { clusterName: string; server: string; caPem: string; crtPem: string; keyPem: string };

// An admin kubeconfig in the shape `talosctl kubeconfig` writes (client-go's clientcmd v1 Config):
// https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/. The context is named after the
// cluster; the user is admin@<cluster> as Talos names it. Built as a data structure and serialised
// by the YAML library, so no value can add a line.
export const buildKubeconfig = ({ clusterName, server, caPem, crtPem, keyPem }: KubeconfigInput): string => {
  const user = `admin@${clusterName}`;

  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: clusterName, cluster: { server, "certificate-authority-data": pemToB64(caPem) } }],
    users: [{ name: user, user: { "client-certificate-data": pemToB64(crtPem), "client-key-data": pemToB64(keyPem) } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, namespace: "default", user } }],
    "current-context": clusterName,
    preferences: {},
  });
};
