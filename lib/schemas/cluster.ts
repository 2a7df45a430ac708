import { approvalProofSchema } from "@/lib/schemas/approval-proof";
import { isIP } from "node:net";
import { z } from "zod";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";
import { parseConfigPatch } from "@/lib/domain/talos/config-documents";
import { isSupportedKubernetesVersion } from "@/lib/domain/talos/kubernetes-version";
import { cidrsOverlap, isIpOrCidr } from "@/lib/domain/net/cidr";
import { isDnsName } from "@/lib/domain/talos/net-format";

// Every value here reaches a Talos YAML document or a talosctl argument: closed character sets,
// no control characters, so no value can add a line or a flag.
const text = () => z.string().regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters such as newlines").trim();

const clusterName = text().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "name must be lower-case letters, digits and dashes (max 63)");

// talosctl's endpoint check (ValidateEndpointURI, https://github.com/siderolabs/net/blob/v0.4.0/net.go): https, non-empty host (IPv6 in brackets), numeric port 1-65535. ktizo also wants
// the port spelled out, because a missing one silently means 443.
const endpoint = text().refine((value) => {
  const match = /^https:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match?.[1] || !match[2]) return false;
  const port = Number(match[2]);
  const host = match[1].replace(/^\[(.*)\]$/, "$1");
  const hostOk = match[1].startsWith("[") ? isIP(host) === 6 : isIP(host) === 4 || isDnsName(host);

  return hostOk && port >= 1 && port <= 65_535;
}, "endpoint must look like https://host:port, e.g. https://10.0.0.10:6443");

const talosVersion = text().regex(/^v1\.11\.\d{1,3}$/, "talosVersion must be a Talos v1.11.x release, e.g. v1.11.6");

const kubernetesVersion = text()
  .transform((value) => value.replace(/^v/, ""))
  .refine(isSupportedKubernetesVersion, "kubernetesVersion must be 1.29.0 - 1.34.x (what Talos 1.11 accepts)");

const installDisk = text().regex(/^\/dev\/(?!.*\.\.)[A-Za-z0-9._/-]{1,120}$/, "installDisk must be a device path like /dev/sda or /dev/nvme0n1");

// registry[:port]/path[:tag][@sha256:digest] with a tag or a digest.
const installImage = text().regex(
  /^(?:[a-z0-9.-]+(?::\d{1,5})?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/,
  "installImage must be an image reference with a tag, e.g. ghcr.io/siderolabs/installer:v1.11.6",
);

const cidr = text().refine((value) => value.includes("/") && isIpOrCidr(value), "must be a CIDR like 10.244.0.0/16");
const san = text().refine((value) => isIP(value) !== 0 || isDnsName(value), "must be a hostname or an IP address");
const cniUrl = text().regex(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~%/+-]*)?$/, "must be an http(s) URL");

const patch = (field: string) =>
  z
    .string()
    .max(32 * 1024, `${field} must be at most 32 KB`)
    .superRefine((value, ctx) => {
      const result = parseConfigPatch(value, field);
      if (!result.ok) for (const message of result.errors) ctx.addIssue({ code: "custom", message: message.replace(`${field}: `, "") });
    });

const kubeconfigTtlHours = z
  .number("kubeconfigTtlHours must be a number of hours")
  .int("kubeconfigTtlHours must be a whole number of hours")
  .min(1, "kubeconfigTtlHours must be at least 1")
  .max(8760, "kubeconfigTtlHours must be at most 8760 (one year)");

const clusterSettingsFields = {
  name: clusterName,
  endpoint,
  talosVersion: talosVersion.default(talosDefaults.talosVersion),
  kubernetesVersion: kubernetesVersion.default(talosDefaults.kubernetesVersion),
  installDisk: installDisk.default(talosDefaults.installDisk),
  installImage: installImage.default(talosDefaults.installImage),
  podSubnets: z.array(cidr).min(1).max(8).default([...talosDefaults.podSubnets]),
  serviceSubnets: z.array(cidr).min(1).max(8).default([...talosDefaults.serviceSubnets]),
  cniName: z.enum(["flannel", "none", "custom"]).default("flannel"),
  cniUrls: z.array(cniUrl).max(16).default([]),
  dnsDomain: text().refine(isDnsName, "dnsDomain must be a DNS name like cluster.local").default(talosDefaults.dnsDomain),
  additionalSans: z.array(san).max(32).default([]),
  allowSchedulingOnControlPlanes: z.boolean().default(false),
  configPatch: patch("configPatch").default(""),
  controlPlanePatch: patch("controlPlanePatch").default(""),
  workerPatch: patch("workerPatch").default(""),
  // docs/cluster.md: the worker bootstraps etcd by itself unless this is off.
  autoBootstrap: z.boolean().default(true),
  kubeconfigTtlHours: kubeconfigTtlHours.default(24),
  approvalProof: approvalProofSchema.default("token"),
};

const cniRule = (value: { cniName?: string; cniUrls?: string[] }, ctx: z.RefinementCtx) => {
  const urls = value.cniUrls ?? [];
  if (value.cniName === "custom" && urls.length === 0) ctx.addIssue({ code: "custom", path: ["cniUrls"], message: "a custom CNI needs at least one URL" });
  if (value.cniName !== "custom" && urls.length > 0) ctx.addIssue({ code: "custom", path: ["cniUrls"], message: "cniUrls are only used with cniName custom" });
};

// Kubernetes routes pod and service traffic by these ranges: an address in both is unreachable as one or the other.
const subnetsRule = (value: { podSubnets?: string[]; serviceSubnets?: string[] }, ctx: z.RefinementCtx) => {
  for (const service of value.serviceSubnets ?? []) {
    const pod = (value.podSubnets ?? []).find((candidate) => cidrsOverlap(candidate, service));
    if (pod) ctx.addIssue({ code: "custom", path: ["serviceSubnets"], message: `Service subnet ${service} overlaps pod subnet ${pod}: pods and services need separate address ranges` });
  }
};

export const clusterSettingsSchema = z
  .object(clusterSettingsFields)
  .strict()
  .superRefine((value, ctx) => {
    cniRule(value, ctx);
    subnetsRule(value, ctx);
  });
export type ClusterSettingsInput = z.infer<typeof clusterSettingsSchema>;

// PUT accepts any subset; the merged result is validated with clusterSettingsSchema again.
export const updateClusterSettingsSchema = z
  .object({
    name: clusterName,
    endpoint,
    talosVersion,
    kubernetesVersion,
    installDisk,
    installImage,
    podSubnets: z.array(cidr).min(1).max(8),
    serviceSubnets: z.array(cidr).min(1).max(8),
    cniName: z.enum(["flannel", "none", "custom"]),
    cniUrls: z.array(cniUrl).max(16),
    dnsDomain: text().refine(isDnsName, "dnsDomain must be a DNS name like cluster.local"),
    additionalSans: z.array(san).max(32),
    allowSchedulingOnControlPlanes: z.boolean(),
    configPatch: patch("configPatch"),
    controlPlanePatch: patch("controlPlanePatch"),
    workerPatch: patch("workerPatch"),
    autoBootstrap: z.boolean(),
    kubeconfigTtlHours,
    approvalProof: approvalProofSchema,
  })
  .partial()
  .strict();
export type UpdateClusterSettingsInput = z.infer<typeof updateClusterSettingsSchema>;

export const clusterIdParamsSchema = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

export const generatorSchema = z.enum(["builtin", "talosctl"]);
export type Generator = z.infer<typeof generatorSchema>;

// POST /api/v1/cluster/config/generate: which generator ran, when, and whether the configs validate.
export const generateClusterConfigResultSchema = z.object({
  generator: generatorSchema,
  generatedAt: z.string().describe("ISO 8601 time"),
  validation: z.object({ ok: z.boolean(), errors: z.array(z.string()) }),
});
export type GenerateClusterConfigResult = z.infer<typeof generateClusterConfigResultSchema>;
// POST /api/v1/cluster/secrets/generate and /import.
export const secretsGeneratedSchema = z.object({ generatedAt: z.string().describe("ISO 8601 time") });

export const generateSecretsSchema = z.object({ force: z.boolean().default(false) }).strict().default({ force: false });

export const importSecretsSchema = z
  .object({ secretsYaml: z.string().min(1, "secretsYaml is empty").max(64 * 1024), force: z.boolean().default(false) })
  .strict();

export const generateConfigSchema = z.object({ generator: generatorSchema.optional() }).strict().default({});

// The settings as the API answers them (the encrypted columns never appear); type and OpenAPI shape come from here.
export const clusterSettingsJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  talosVersion: z.string(),
  kubernetesVersion: z.string(),
  installDisk: z.string(),
  installImage: z.string(),
  podSubnets: z.array(z.string()),
  serviceSubnets: z.array(z.string()),
  cniName: z.enum(["flannel", "none", "custom"]),
  cniUrls: z.array(z.string()),
  dnsDomain: z.string(),
  additionalSans: z.array(z.string()),
  allowSchedulingOnControlPlanes: z.boolean(),
  configPatch: z.string(),
  controlPlanePatch: z.string(),
  workerPatch: z.string(),
  autoBootstrap: z.boolean(),
  kubeconfigTtlHours: z.number().int(),
  approvalProof: approvalProofSchema,
  generator: generatorSchema,
  generatedAt: z.string().describe("ISO 8601 time").nullable(),
  // Not secret material, only whether it exists (the page and API clients need to know).
  secretsGeneratedAt: z.string().describe("ISO 8601 time").nullable(),
});
export type ClusterSettingsJson = z.infer<typeof clusterSettingsJsonSchema>;

// The Cluster page's form: lists are typed one per line (or comma separated), the checkbox sends
// "on", and browsers send textarea newlines as CRLF. The result goes through the API schema.
const listField = (value: unknown) =>
  typeof value === "string" ? value.split(/[\n,]/).map((item) => item.trim()).filter(Boolean) : value;
const checkbox = (value: unknown) => value === "on" || value === "true";
const textarea = (value: unknown) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value);

export const clusterSettingsFormSchema = z.preprocess((raw) => {
  const form = (raw ?? {}) as Record<string, unknown>;

  return {
    ...form,
    podSubnets: listField(form.podSubnets),
    serviceSubnets: listField(form.serviceSubnets),
    cniUrls: listField(form.cniUrls ?? ""),
    additionalSans: listField(form.additionalSans ?? ""),
    allowSchedulingOnControlPlanes: checkbox(form.allowSchedulingOnControlPlanes),
    configPatch: textarea(form.configPatch ?? ""),
    controlPlanePatch: textarea(form.controlPlanePatch ?? ""),
    workerPatch: textarea(form.workerPatch ?? ""),
    autoBootstrap: checkbox(form.autoBootstrap),
    kubeconfigTtlHours: form.kubeconfigTtlHours === undefined || form.kubeconfigTtlHours === "" ? undefined : Number(form.kubeconfigTtlHours),
  };
}, clusterSettingsSchema);

export const generateSecretsFormSchema = z.object({ force: z.preprocess(checkbox, z.boolean()) });

export const importSecretsFormSchema = z.object({
  secretsYaml: z.preprocess(textarea, z.string().min(1, "paste the contents of a secrets.yaml").max(64 * 1024)),
  force: z.preprocess(checkbox, z.boolean()),
});

export const generateConfigFormSchema = z.object({ generator: generatorSchema.default("builtin") });
