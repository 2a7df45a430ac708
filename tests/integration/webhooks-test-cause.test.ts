import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postDelivery } from "@/lib/webhooks/post-delivery";
import { startReceiver } from "@/tests/helpers/webhook-receiver";

// What "Send test" says when a delivery fails, from real failures on loopback: nothing listening,
// a TLS server with a self-signed certificate (made by openssl), an HTTP error, a receiver too slow.
const attempt = (url: string, timeoutMs = 2_000) =>
  postDelivery({ url, secret: "s".repeat(32), deliveryId: "d1", event: "webhook.test", body: "{}", now: new Date(), timeoutMs });

const dir = mkdtempSync(join(tmpdir(), "ktizo-webhook-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a failed webhook delivery names its cause", () => {
  it("connection refused, with the address", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await attempt(`http://127.0.0.1:${port}/hook`)).toEqual({ ok: false, statusCode: null, error: `connection refused (127.0.0.1:${port})` });
  });

  it("a TLS error with its reason", async () => {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    const server = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const result = await attempt(`https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
      expect(result).toMatchObject({ ok: false, statusCode: null });
      expect(!result.ok && result.error).toBe("TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("the HTTP status, and a timeout", async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    try {
      expect(await attempt(receiver.url)).toEqual({ ok: false, statusCode: 503, error: "HTTP 503" });
      receiver.setResponder(() => ({ status: 200, delayMs: 1_000 }));
      expect(await attempt(receiver.url, 200)).toEqual({ ok: false, statusCode: null, error: "timed out after 200 ms without an answer" });
    } finally {
      await receiver.close();
    }
  });
});
