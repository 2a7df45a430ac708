import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { GET as getKubeconfig } from "@/app/api/v1/cluster/kubeconfig/route";
import { prisma } from "@/lib/db/client";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { createClusterWithSecrets } from "@/tests/helpers/cluster-with-secrets";
import { startKubernetesStandIn, type KubernetesStandIn } from "@/tests/stand-ins/kubernetes-api-stand-in";

// The downloaded kubeconfig is checked by Debian's real kubectl, against the STAND-IN Kubernetes
// API (tests/stand-ins/kubernetes-api-stand-in.ts), which verifies the client certificate chain.
let bundle: SecretsBundle;
let api: KubernetesStandIn;
let token: string;
const dir = mkdtempSync(path.join(tmpdir(), "ktizo-kubeconfig-"));

beforeAll(async () => {
  token = await createAdminToken();
  bundle = await createClusterWithSecrets({ endpoint: "https://127.0.0.1:6443" });
  api = await startKubernetesStandIn({ k8sCa: bundle.certs.k8s });
  // The stand-in listens on a random port; the endpoint names it as an admin would.
  await prisma.clusterSettings.updateMany({ data: { endpoint: `https://127.0.0.1:${api.port}` } });
  api.setNodes([
    { name: "cp-1", ip: "10.42.0.11", ready: true, controlPlane: true },
    { name: "worker-1", ip: "10.42.0.21", ready: false },
  ]);
});
afterAll(() => api.close());

const download = (query = "") =>
  getKubeconfig(new Request(`http://ktizo.test/api/v1/cluster/kubeconfig${query}`, { headers: adminHeaders(token) }), { params: Promise.resolve({}) } as never);

const save = async (response: Response, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, await response.text(), { mode: 0o600 });
  return file;
};

describe("GET /api/v1/cluster/kubeconfig", () => {
  it("kubectl accepts it, and `kubectl get nodes` lists the nodes of the stand-in", async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="kubeconfig-lab"');
    const file = await save(response, "kubeconfig");
    const view = await execa("kubectl", ["--kubeconfig", file, "config", "view", "-o", "json"]);
    const config = JSON.parse(view.stdout);
    expect(config["current-context"]).toBe("lab");
    expect(config.clusters[0].cluster.server).toBe(`https://127.0.0.1:${api.port}`);
    const nodes = await execa("kubectl", ["--kubeconfig", file, "get", "nodes"]);
    const lines = nodes.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([["cp-1", "Ready"], ["worker-1", "NotReady"]]);
    expect(api.requests).toContain("/api/v1/nodes");
  });

  it("carries a client certificate O=system:masters from the cluster's Kubernetes CA, 24 h by default", async () => {
    const doc = parse(await (await download()).text());
    const cert = new x509.X509Certificate(Buffer.from(doc.users[0].user["client-certificate-data"], "base64").toString());
    expect(cert.subject).toContain("O=system:masters");
    expect(cert.issuer).toBe(new x509.X509Certificate(bundle.certs.k8s.crt).subject);
    expect(await cert.verify({ publicKey: new x509.X509Certificate(bundle.certs.k8s.crt).publicKey, signatureOnly: true })).toBe(true);
    const hours = (cert.notAfter.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it("honours ?hours= and the cluster setting, and logs every download", async () => {
    const doc = parse(await (await download("?hours=2")).text());
    const cert = new x509.X509Certificate(Buffer.from(doc.users[0].user["client-certificate-data"], "base64").toString());
    expect((cert.notAfter.getTime() - Date.now()) / 3_600_000).toBeLessThanOrEqual(2);
    await prisma.clusterSettings.updateMany({ data: { kubeconfigTtlHours: 5 } });
    const fromSetting = parse(await (await download()).text());
    const hours = (new x509.X509Certificate(Buffer.from(fromSetting.users[0].user["client-certificate-data"], "base64").toString()).notAfter.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(4.9);
    expect(hours).toBeLessThanOrEqual(5);
    const events = await prisma.event.findMany({ where: { type: "cluster.kubeconfig_downloaded" }, orderBy: { createdAt: "asc" } });
    expect(events.length).toBe(4);
    expect(events.slice(-2).map((event) => JSON.parse(event.details).hours)).toEqual([2, 5]);
  });

  it("refuses a bad lifetime naming the field, and issues nothing", async () => {
    const before = await prisma.event.count({ where: { type: "cluster.kubeconfig_downloaded" } });
    for (const query of ["?hours=0", "?hours=9999", "?hours=abc", "?hours=1.5"]) {
      const response = await download(query);
      expect(response.status).toBe(422);
      expect(JSON.stringify(await response.json())).toContain("hours");
    }
    expect(await prisma.event.count({ where: { type: "cluster.kubeconfig_downloaded" } })).toBe(before);
  });

  it("a certificate from another CA is refused by the stand-in's TLS", async () => {
    const { createCertificateAuthority } = await import("@/lib/domain/talos/certificates");
    const { secureRandomBytes } = await import("@/lib/domain/talos/random");
    const { buildKubeconfig } = await import("@/lib/domain/cluster/kubeconfig");
    const { issueKubernetesAdminCertificate } = await import("@/lib/services/cluster");
    const otherCa = await createCertificateAuthority({ organization: "kubernetes", algorithm: "ecdsa-p256", now: new Date(), random: secureRandomBytes });
    const stranger = await issueKubernetesAdminCertificate({ k8sCa: otherCa, lifetimeMs: 3_600_000 });
    const file = path.join(dir, "stranger");
    writeFileSync(file, buildKubeconfig({ clusterName: "lab", server: `https://127.0.0.1:${api.port}`, caPem: bundle.certs.k8s.crt, crtPem: stranger.crt, keyPem: stranger.key }));
    const result = await execa("kubectl", ["--kubeconfig", file, "get", "nodes", "--request-timeout=5s"], { reject: false });
    expect(result.exitCode).not.toBe(0);
  });
});
