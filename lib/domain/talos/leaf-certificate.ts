import { webcrypto } from "node:crypto";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { CertAndKey } from "@/lib/domain/talos/certificates";
import { generateSigningKeys, privateKeyPem, signingKeyFromPem } from "@/lib/domain/talos/keys";
import { secureRandomBytes, truncateToSeconds, type RandomBytes } from "@/lib/domain/talos/random";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type IssueLeafOptions = {
  ca: CertAndKey;
  commonName: string;
  organizations?: string[];
  usage: "client" | "server";
  ipAddresses?: string[];
  dnsNames?: string[];
  lifetimeMs: number;
  now?: Date;
  random?: RandomBytes;
};

// Clock skew between ktizo and the nodes must not make a fresh certificate "not yet valid".
const backdateMs = 5 * 60_000;

// A leaf certificate signed by one of the cluster's CAs, with a new key of the CA's own type:
// the short-lived Kubernetes admin (O=system:masters, client auth) for kubeconfigs, and in tests
// the serving certificates of the stand-in Talos and Kubernetes APIs.
export const issueLeafCertificate = async ({
  ca,
  commonName,
  organizations = [],
  usage,
  ipAddresses = [],
  dnsNames = [],
  lifetimeMs,
  now = new Date(),
  random = secureRandomBytes,
}: IssueLeafOptions): Promise<CertAndKey> => {
  const caCert = new x509.X509Certificate(ca.crt);
  const signer = await signingKeyFromPem(ca.key);
  const keys = await generateSigningKeys(signer.algorithm);
  const notBefore = truncateToSeconds(new Date(now.getTime() - backdateMs));
  const subject = new x509.Name([
    ...organizations.map((o) => ({ O: [{ utf8String: o }] })),
    { CN: [{ utf8String: commonName }] },
  ]);
  const caSki = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  const sans = [
    ...ipAddresses.map((value) => ({ type: "ip" as const, value })),
    ...dnsNames.map((value) => ({ type: "dns" as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(random(16)).toString("hex"),
    subject,
    issuer: caCert.subjectName,
    notBefore,
    notAfter: new Date(now.getTime() + lifetimeMs),
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm === "ed25519" ? { name: "Ed25519" } : { name: "ECDSA", hash: "SHA-256" },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([usage === "client" ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth], false),
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...(caSki ? [new x509.AuthorityKeyIdentifierExtension(caSki.keyId, false)] : []),
      ...(sans.length > 0 ? [new x509.SubjectAlternativeNameExtension(sans, false)] : []),
    ],
  });

  return { crt: cert.toString("pem") + "\n", key: await privateKeyPem(signer.algorithm, keys.privateKey) };
};
