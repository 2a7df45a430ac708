import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificateAuthority } from "@/lib/domain/talos/certificates";
import { keyObjectFromPem } from "@/lib/domain/talos/keys";
import { issueLeafCertificate } from "@/lib/domain/talos/leaf-certificate";
import { secureRandomBytes } from "@/lib/domain/talos/random";
import { kubeGet, type KubeCredentials } from "./kube-client";

// A Kubernetes endpoint that answers at once but sends its body one byte every 100 ms, forever:
// the socket is never idle, so only a deadline on the whole request ends the call.
let server: Server;
let credentials: KubeCredentials;
let url: string;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  const ca = await createCertificateAuthority({ organization: "kubernetes", algorithm: "ecdsa-p256", now: new Date(), random: secureRandomBytes });
  const serving = await issueLeafCertificate({ ca, commonName: "kube-apiserver", usage: "server", ipAddresses: ["127.0.0.1"], lifetimeMs: 3_600_000 });
  const admin = await issueLeafCertificate({ ca, commonName: "admin", organizations: ["system:masters"], usage: "client", lifetimeMs: 3_600_000 });
  credentials = { caPem: ca.crt, crtPem: admin.crt, keyPem: admin.key };
  const pem = (key: string) => keyObjectFromPem(key).export({ type: "pkcs8", format: "pem" }).toString();
  server = createServer({ cert: serving.crt, key: pem(serving.key), ca: ca.crt, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    if (req.url === "/readyz") return res.end("ok");
    res.writeHead(200, { "content-type": "application/json" });
    const timer = setInterval(() => res.write(" "), 100);
    timers.add(timer);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("kubeGet", () => {
  it("reads an answer with the admin client certificate", async () => {
    await expect(kubeGet({ server: url, path: "/readyz", credentials, timeoutMs: 2_000 })).resolves.toEqual({ status: 200, body: "ok" });
  });

  it("gives up a dribbling answer at the deadline, not when the socket falls idle", async () => {
    const started = Date.now();
    await expect(kubeGet({ server: url, path: "/api/v1/nodes", credentials, timeoutMs: 800 })).rejects.toThrow(/timed out after 800 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
