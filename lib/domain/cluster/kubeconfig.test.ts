import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildKubeconfig } from "./kubeconfig";

const pem = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("buildKubeconfig", () => {
  it.each([
    ["lab", "https://10.0.0.10:6443"],
    ["prod-1", "https://[fd00::10]:6443"],
    ["edge", "https://api.edge.example:443"],
  ])("cluster %s at %s: one cluster, user and current context", (clusterName, server) => {
    const doc = parse(buildKubeconfig({ clusterName, server, caPem: pem("CERTIFICATE"), crtPem: pem("CERTIFICATE"), keyPem: pem("EC PRIVATE KEY") }));
    expect(doc).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: clusterName, cluster: { server, "certificate-authority-data": b64(pem("CERTIFICATE")) } }],
      users: [{ name: `admin@${clusterName}`, user: { "client-certificate-data": b64(pem("CERTIFICATE")), "client-key-data": b64(pem("EC PRIVATE KEY")) } }],
      contexts: [{ name: clusterName, context: { cluster: clusterName, namespace: "default", user: `admin@${clusterName}` } }],
      "current-context": clusterName,
      preferences: {},
    });
  });
});
