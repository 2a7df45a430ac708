import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keyObjectFromPem, publicKeyDer } from "@/lib/domain/talos/keys";
import { parsePemBlock } from "@/lib/domain/talos/pem";
import { generateSecretsBundle, type SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { parseSecretsYaml, serializeSecretsYaml } from "@/lib/domain/talos/secrets-yaml";

const now = new Date("2026-03-01T12:00:00.500Z");
let bundle: SecretsBundle;

// One bundle for the whole file: the RSA-4096 key takes seconds to generate.
beforeAll(async () => {
  bundle = await generateSecretsBundle({ now });
});

const openssl = (pem: string): string => execFileSync("openssl", ["x509", "-noout", "-text"], { input: pem }).toString();

const cas = [
  { name: "etcd", pick: (b: SecretsBundle) => b.certs.etcd, subject: "O=etcd", sig: "ecdsa-with-SHA256", keyLabel: "EC PRIVATE KEY", type: "ec" },
  { name: "k8s", pick: (b: SecretsBundle) => b.certs.k8s, subject: "O=kubernetes", sig: "ecdsa-with-SHA256", keyLabel: "EC PRIVATE KEY", type: "ec" },
  { name: "k8saggregator", pick: (b: SecretsBundle) => b.certs.k8sAggregator, subject: "", sig: "ecdsa-with-SHA256", keyLabel: "EC PRIVATE KEY", type: "ec" },
  { name: "os", pick: (b: SecretsBundle) => b.certs.os, subject: "O=talos", sig: "ED25519", keyLabel: "ED25519 PRIVATE KEY", type: "ed25519" },
] as const;

describe("generateSecretsBundle", () => {
  it("formats ids and tokens like talosctl gen secrets", () => {
    expect(bundle.cluster.id).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(bundle.cluster.secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(bundle.secrets.secretboxEncryptionSecret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(bundle.secrets.bootstrapToken).toMatch(/^[0-9a-z]{6}\.[0-9a-z]{16}$/);
    expect(bundle.trustdInfo.token).toMatch(/^[0-9a-z]{6}\.[0-9a-z]{16}$/);
    expect(Buffer.from(bundle.cluster.id, "base64url")).toHaveLength(32);
  });

  it.each(cas)("$name CA has the subject, algorithm, validity and extensions talosctl gen secrets v1.11 gives them", ({ pick, subject, sig, keyLabel, type }) => {
    const pair = pick(bundle);
    const cert = new X509Certificate(pair.crt);
    expect(cert.subject ?? "").toBe(subject);
    expect(cert.issuer ?? "").toBe(subject);
    expect(cert.ca).toBe(true);
    expect(cert.publicKey.asymmetricKeyType).toBe(type);
    expect(new Date(cert.validFrom).toISOString()).toBe("2026-03-01T12:00:00.000Z");
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(87_600 * 3_600_000);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(BigInt(`0x${cert.serialNumber}`) < 2n ** 128n).toBe(true);
    const text = openssl(pair.crt);
    expect(text).toContain(`Signature Algorithm: ${sig}`);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign/);
    expect(text).toMatch(/X509v3 Extended Key Usage: \s*TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE\n/);
    expect(text).toMatch(/X509v3 Subject Key Identifier: \s*([0-9A-F]{2}:){19}[0-9A-F]{2}\n/);
    expect(text).not.toContain("Authority Key Identifier");
    expect(text).not.toContain("Subject Alternative Name");
    if (type === "ec") expect(text).toContain("NIST CURVE: P-256");
    expect(parsePemBlock(pair.key)?.label).toBe(keyLabel);
    expect(publicKeyDer(keyObjectFromPem(pair.key)).equals(cert.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
  });

  it("stores the os CA key as PKCS#8 DER under the ED25519 PRIVATE KEY label", () => {
    const block = parsePemBlock(bundle.certs.os.key);
    expect(block?.der.subarray(0, 16).toString("hex")).toBe("302e020100300506032b657004220420");
  });

  it("makes the service-account key an RSA-4096 PKCS#1 key with e=65537", () => {
    expect(parsePemBlock(bundle.certs.k8sServiceAccount.key)?.label).toBe("RSA PRIVATE KEY");
    const key = keyObjectFromPem(bundle.certs.k8sServiceAccount.key);
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 4096, publicExponent: 65537n });
  });

  it("writes PEM with 64-column lines and one trailing newline", () => {
    for (const pem of [bundle.certs.etcd.crt, bundle.certs.os.key, bundle.certs.k8sServiceAccount.key]) {
      expect(pem.endsWith("-----\n")).toBe(true);
      expect(pem.endsWith("\n\n")).toBe(false);
      expect(pem.split("\n").every((line) => line.length <= 64)).toBe(true);
    }
  });
});

describe("serializeSecretsYaml / parseSecretsYaml", () => {
  it("writes Talos's layout: lower-cased Go names, 4-space indent, base64 of PEM", () => {
    const text = serializeSecretsYaml(bundle);
    const keys = text.split("\n").filter((line) => line.trim()).map((line) => line.replace(/:.*/, ":"));
    expect(keys).toEqual([
      "cluster:", "    id:", "    secret:", "secrets:", "    bootstraptoken:", "    secretboxencryptionsecret:",
      "trustdinfo:", "    token:", "certs:", "    etcd:", "        crt:", "        key:", "    k8s:", "        crt:",
      "        key:", "    k8saggregator:", "        crt:", "        key:", "    k8sserviceaccount:", "        key:",
      "    os:", "        crt:", "        key:",
    ]);
    expect(text).toMatch(/^        crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tC[A-Za-z0-9+/=]+$/m);
  });

  it("round-trips a bundle", () => {
    const parsed = parseSecretsYaml(serializeSecretsYaml(bundle));
    expect(parsed).toEqual({ ok: true, bundle });
  });

  it.each([
    ["not YAML", "cluster: [\n", /not valid YAML/],
    ["missing section", "cluster:\n    id: x\n    secret: y\n", /secrets/],
    ["unknown key", () => serializeSecretsYaml(bundle).replace("trustdinfo:", "extra: 1\ntrustdinfo:"), /unrecognized key|extra/i],
    ["bad token", () => serializeSecretsYaml(bundle).replace(bundle.secrets.bootstrapToken, "short.token"), /bootstraptoken/],
    ["bad base64", () => serializeSecretsYaml(bundle).replace(/(etcd:\n        crt: )\S+/, "$1AAAA"), /certs.etcd.crt/],
    ["swapped key", () => {
      const text = serializeSecretsYaml(bundle);
      const k8sKey = /k8s:\n        crt: \S+\n        key: (\S+)/.exec(text)?.[1] ?? "";
      return text.replace(/(etcd:\n        crt: \S+\n        key: )\S+/, `$1${k8sKey}`);
    }, /certs.etcd.key: does not match/],
  ])("rejects %s with a clear error", (_name, input, message) => {
    const text = typeof input === "function" ? input() : input;
    const result = parseSecretsYaml(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(message);
  });
});
