import { z } from "zod";
import { b64ToPem, isStrictBase64, pemToB64 } from "@/lib/domain/talos/pem";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { parseYamlDocuments, stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";
import { checkSecretsBundle } from "@/lib/domain/talos/check-secrets-bundle";

// secrets.yaml is yaml.v3 of a Go struct without yaml tags: key names are the lower-cased Go
// field names, PEM values are base64 of the whole PEM text (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/generate/secrets/bundle.go).
export const serializeSecretsYaml = (bundle: SecretsBundle): string => {
  const pair = ({ crt, key }: { crt: string; key: string }) => ({ crt: pemToB64(crt), key: pemToB64(key) });

  return stringifyTalosYaml({
    cluster: { id: bundle.cluster.id, secret: bundle.cluster.secret },
    secrets: {
      bootstraptoken: bundle.secrets.bootstrapToken,
      secretboxencryptionsecret: bundle.secrets.secretboxEncryptionSecret,
    },
    trustdinfo: { token: bundle.trustdInfo.token },
    certs: {
      etcd: pair(bundle.certs.etcd),
      k8s: pair(bundle.certs.k8s),
      k8saggregator: pair(bundle.certs.k8sAggregator),
      k8sserviceaccount: { key: pemToB64(bundle.certs.k8sServiceAccount.key) },
      os: pair(bundle.certs.os),
    },
  });
};

const b64Pem = z.string().refine(isStrictBase64, "must be base64 of a PEM block");
const pairSchema = z.object({ crt: b64Pem, key: b64Pem }).strict();
const fileSchema = z
  .object({
    cluster: z.object({ id: z.string(), secret: z.string() }).strict(),
    secrets: z
      .object({
        bootstraptoken: z.string(),
        secretboxencryptionsecret: z.string().optional(),
        aescbcencryptionsecret: z.string().optional(),
      })
      .strict(),
    trustdinfo: z.object({ token: z.string() }).strict(),
    certs: z
      .object({
        etcd: pairSchema,
        k8s: pairSchema,
        k8saggregator: pairSchema,
        k8sserviceaccount: z.object({ key: b64Pem }).strict(),
        os: pairSchema,
      })
      .strict(),
  })
  .strict();

export type ParseSecretsResult = { ok: true; bundle: SecretsBundle } | { ok: false; errors: string[] };

export const parseSecretsYaml = (text: string): ParseSecretsResult => {
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return { ok: false, errors: [`not valid YAML: ${parsed.error}`] };
  if (parsed.documents.length !== 1) return { ok: false, errors: ["expected exactly one YAML document"] };
  const shape = fileSchema.safeParse(parsed.documents[0]);
  if (!shape.success) {
    return { ok: false, errors: shape.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`) };
  }
  const file = shape.data;
  if (!file.secrets.secretboxencryptionsecret) {
    return { ok: false, errors: ["secrets.secretboxencryptionsecret: required (bundles for Talos <= 1.2 are not supported)"] };
  }
  const pair = ({ crt, key }: { crt: string; key: string }) => ({ crt: b64ToPem(crt), key: b64ToPem(key) });
  const bundle: SecretsBundle = {
    cluster: { id: file.cluster.id, secret: file.cluster.secret },
    secrets: { bootstrapToken: file.secrets.bootstraptoken, secretboxEncryptionSecret: file.secrets.secretboxencryptionsecret },
    trustdInfo: { token: file.trustdinfo.token },
    certs: {
      etcd: pair(file.certs.etcd),
      k8s: pair(file.certs.k8s),
      k8sAggregator: pair(file.certs.k8saggregator),
      k8sServiceAccount: { key: b64ToPem(file.certs.k8sserviceaccount.key) },
      os: pair(file.certs.os),
    },
  };
  const errors = checkSecretsBundle(bundle);

  return errors.length > 0 ? { ok: false, errors } : { ok: true, bundle };
};
