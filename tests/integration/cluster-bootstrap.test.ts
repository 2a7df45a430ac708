import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createAdminCertificate, createCertificateAuthority } from "@/lib/domain/talos/certificates";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { issueLeafCertificate } from "@/lib/domain/talos/leaf-certificate";
import { secureRandomBytes } from "@/lib/domain/talos/random";
import { createTalosClient, TalosApiError } from "@/lib/talos-api";
import { bootstrapCluster, loadTalosCredentials } from "@/lib/services/cluster";
import { createClusterWithSecrets, createProvisionedDevice } from "@/tests/helpers/cluster-with-secrets";
import { startTalosStandIn, type TalosStandIn } from "@/tests/stand-ins/talos-api-stand-in";

// Bootstrap against the STAND-IN Talos API (tests/stand-ins/talos-api-stand-in.ts): real gRPC,
// real mutual TLS with the cluster's generated OS CA and talosconfig admin certificate.
const system = { type: "system" } as const;
const ip = `127.0.${10 + Math.floor(Math.random() * 200)}.${2 + Math.floor(Math.random() * 200)}`;
let bundle: SecretsBundle;
let node: TalosStandIn;
let talos: { port: number; timeoutMs: number; retryBaseMs: number; retryMaxMs: number };

beforeAll(async () => {
  bundle = await createClusterWithSecrets();
  node = await startTalosStandIn({ osCa: bundle.certs.os, address: ip, hostname: "cp-1", notReadyBootstraps: 3 });
  talos = { port: node.port, timeoutMs: 2_000, retryBaseMs: 20, retryMaxMs: 100 };
});
afterAll(() => node.close());

const bootstrapEvents = () =>
  prisma.event.findMany({ where: { type: { startsWith: "cluster.bootstrap" } }, orderBy: { createdAt: "asc" } });

describe("Talos API client against the stand-in", () => {
  const client = (credentials: { caPem: string; crtPem: string; keyPem: string }) =>
    createTalosClient({ address: ip, port: node.port, credentials, timeoutMs: 2_000 });
  const callVersion = async (credentials: { caPem: string; crtPem: string; keyPem: string }) => {
    const c = client(credentials);
    try {
      return await c.version();
    } finally {
      c.close();
    }
  };

  it("reads Version and Hostname with the talosconfig's admin certificate", async () => {
    const credentials = await loadTalosCredentials((await prisma.clusterSettings.findFirstOrThrow()).talosconfigEnc);
    const reply = await callVersion(credentials);
    expect(reply.messages[0]?.version?.tag).toBe("v1.11.6");
    expect(reply.messages[0]?.metadata?.hostname).toBe("cp-1");
    const c = client(credentials);
    expect((await c.hostname()).messages[0]?.hostname).toBe("cp-1");
    c.close();
  });

  it("is refused with a client certificate from another CA (the TLS handshake fails)", async () => {
    const otherCa = await createCertificateAuthority({ organization: "talos", algorithm: "ed25519", now: new Date(), random: secureRandomBytes });
    const stranger = await createAdminCertificate({ ca: otherCa, now: new Date(), random: secureRandomBytes });
    const error = await callVersion({ caPem: bundle.certs.os.crt, crtPem: stranger.crt, keyPem: stranger.key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalosApiError);
    expect((error as TalosApiError).code).toBe(14); // UNAVAILABLE: no TLS session
  });

  it("is refused with an OS-CA certificate that lacks os:admin", async () => {
    const reader = await issueLeafCertificate({ ca: bundle.certs.os, commonName: "reader", organizations: ["os:reader"], usage: "client", lifetimeMs: 3_600_000 });
    const before = node.refusals();
    const error = await callVersion({ caPem: bundle.certs.os.crt, crtPem: reader.crt, keyPem: reader.key }).catch((e: unknown) => e);
    expect((error as TalosApiError).code).toBe(7); // PERMISSION_DENIED
    expect(node.refusals()).toBe(before + 1);
  });

  it("refuses a node whose certificate is not from the cluster's OS CA", async () => {
    const otherCa = await createCertificateAuthority({ organization: "talos", algorithm: "ed25519", now: new Date(), random: secureRandomBytes });
    const impostor = await startTalosStandIn({ osCa: otherCa, address: ip, hostname: "impostor" });
    try {
      const credentials = await loadTalosCredentials((await prisma.clusterSettings.findFirstOrThrow()).talosconfigEnc);
      const c = createTalosClient({ address: ip, port: impostor.port, credentials, timeoutMs: 2_000 });
      const error = await c.version().catch((e: unknown) => e);
      c.close();
      expect((error as TalosApiError).code).toBe(14);
      expect(impostor.calls).toHaveLength(0);
    } finally {
      await impostor.close();
    }
  });

  it("refuses a node whose OS-CA certificate was issued for another address (it checks the IP it dialled)", async () => {
    // A genuine certificate of the cluster, but another machine's: answering on this address with it
    // must not pass for the node ktizo meant to reach.
    const elsewhere = await startTalosStandIn({ osCa: bundle.certs.os, address: ip, hostname: "cp-9", certificateAddresses: ["10.99.99.99"] });
    try {
      const credentials = await loadTalosCredentials((await prisma.clusterSettings.findFirstOrThrow()).talosconfigEnc);
      const c = createTalosClient({ address: ip, port: elsewhere.port, credentials, timeoutMs: 2_000 });
      const error = await c.version().catch((e: unknown) => e);
      c.close();
      expect(error).toBeInstanceOf(TalosApiError);
      expect((error as TalosApiError).code).toBe(14);
      expect(elsewhere.calls).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("bootstrap, once", () => {
  it("skips while no control plane is provisioned", async () => {
    await expect(bootstrapCluster({ manual: false, actor: system, talos })).resolves.toMatchObject({ outcome: "skipped" });
    await expect(bootstrapCluster({ manual: true, actor: system, talos })).rejects.toMatchObject({ code: "not_ready" });
  });

  it("retries with backoff while the node is not ready, then bootstraps exactly once under concurrent triggers", async () => {
    await createProvisionedDevice({ mac: "02:00:00:00:00:01", ip, hostname: "cp-1", role: "controlplane" });
    const outcomes: string[] = [];
    for (let round = 0; round < 40; round += 1) {
      // Five triggers at once each round: the claim lets at most one reach the node.
      const results = await Promise.all(Array.from({ length: 5 }, () => bootstrapCluster({ manual: false, actor: system, talos })));
      outcomes.push(...results.map((r) => r.outcome));
      if (results.some((r) => r.outcome === "bootstrapped")) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(outcomes.filter((o) => o === "retrying")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "bootstrapped")).toHaveLength(1);
    expect(node.bootstrapSuccesses()).toBe(1);
    expect(node.calls.filter((c) => c.method === "Bootstrap")).toHaveLength(4);
    // The retries were spaced out: 20, 40, 80 ms at least.
    const times = node.calls.filter((c) => c.method === "Bootstrap").map((c) => c.at);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(20 + 40 + 80);
    const row = await prisma.clusterSettings.findFirstOrThrow();
    expect(row).toMatchObject({ bootstrapState: "done", bootstrapAttempts: 4 });
    expect((await bootstrapEvents()).map((e) => e.type)).toEqual(["cluster.bootstrap_started", "cluster.bootstrapped"]);
  });

  it("never calls Bootstrap again: not on later ticks, not by hand", async () => {
    const before = node.calls.length;
    await expect(bootstrapCluster({ manual: false, actor: system, talos })).resolves.toMatchObject({ outcome: "skipped" });
    await expect(bootstrapCluster({ manual: true, actor: system, talos })).rejects.toMatchObject({ code: "conflict" });
    expect(node.calls.length).toBe(before);
  });

  it("after a worker died holding the claim, the next one sees 'already bootstrapped' and counts it as done", async () => {
    // The state a crash between the Bootstrap reply and the write-back leaves behind.
    await prisma.clusterSettings.updateMany({ data: { bootstrapState: "running", bootstrapClaimedUntil: new Date(Date.now() - 1) } });
    await expect(bootstrapCluster({ manual: false, actor: system, talos })).resolves.toMatchObject({ outcome: "bootstrapped", alreadyBootstrapped: true });
    expect(node.bootstrapSuccesses()).toBe(1);
    expect((await prisma.clusterSettings.findFirstOrThrow()).bootstrapState).toBe("done");
  });
});
