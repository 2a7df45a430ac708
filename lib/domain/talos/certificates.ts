import { webcrypto } from "node:crypto";
// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { generateSigningKeys, privateKeyPem, signingKeyFromPem, type CaAlgorithm } from "@/lib/domain/talos/keys";
import { truncateToSeconds, type RandomBytes } from "@/lib/domain/talos/random";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type CertAndKey = { crt: string; key: string };

const hour = 3_600_000;
// siderolabs/crypto defaults: CAs live 87600 h; the admin client cert 365 days.
export const caValidityMs = 87_600 * hour;
export const adminValidityMs = 365 * 24 * hour;

// Go's pkix marshals printable ASCII as PrintableString; an empty organization gives an empty DN.
const nameOf = (organization: string | null): x509.Name =>
  new x509.Name(organization ? [{ O: [{ printableString: organization }] }] : []);

// Random serial in [0, 2^128), as Go's rand.Int(2^128); the library adds the sign byte.
const serialHex = (random: RandomBytes): string => Buffer.from(random(16)).toString("hex");

const signingAlgorithm = (algorithm: CaAlgorithm) =>
  algorithm === "ed25519" ? { name: "Ed25519" } : { name: "ECDSA", hash: "SHA-256" };

type CreateCaOptions = { organization: string | null; algorithm: CaAlgorithm; now: Date; random: RandomBytes };

// NewSelfSignedCertificateAuthority (siderolabs/crypto v0.6.3): KU digitalSignature+certSign (critical),
// EKU serverAuth+clientAuth, CA:TRUE without path length, SKI of 20 random bytes, no AKI.
export const createCertificateAuthority = async ({ organization, algorithm, now, random }: CreateCaOptions): Promise<CertAndKey> => {
  const keys = await generateSigningKeys(algorithm);
  const notBefore = truncateToSeconds(now);
  const name = nameOf(organization);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex(random),
    subject: name,
    issuer: name,
    notBefore,
    notAfter: new Date(notBefore.getTime() + caValidityMs),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: signingAlgorithm(algorithm),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], false),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.SubjectKeyIdentifierExtension(Buffer.from(random(20)).toString("hex")),
    ],
  });

  return { crt: cert.toString("pem") + "\n", key: await privateKeyPem(algorithm, keys.privateKey) };
};

type CreateAdminOptions = { ca: CertAndKey; now: Date; random: RandomBytes };

// NewAdminCertificateAndKey: key of the CA's type, O=os:admin, 365 days, KU digitalSignature,
// EKU clientAuth only, not a CA, AKI = the CA's SKI, no SKI of its own.
export const createAdminCertificate = async ({ ca, now, random }: CreateAdminOptions): Promise<CertAndKey> => {
  const caCert = new x509.X509Certificate(ca.crt);
  const signer = await signingKeyFromPem(ca.key);
  const keys = await generateSigningKeys(signer.algorithm);
  const notBefore = truncateToSeconds(now);
  const caSki = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex(random),
    subject: nameOf("os:admin"),
    issuer: caCert.subjectName,
    notBefore,
    notAfter: new Date(notBefore.getTime() + adminValidityMs),
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signingAlgorithm(signer.algorithm),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
      ...(caSki ? [new x509.AuthorityKeyIdentifierExtension(caSki.keyId, false)] : []),
    ],
  });

  return { crt: cert.toString("pem") + "\n", key: await privateKeyPem(signer.algorithm, keys.privateKey) };
};
