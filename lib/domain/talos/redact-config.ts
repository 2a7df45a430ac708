import { isPlainObject, parseYamlDocuments, stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";

export const redactedValue = "***";

// Key names whose values are secret material: private keys, tokens, shared secrets, passwords.
const secretKey = /(^|[a-z_])(key|secret|token|password)s?$/i;
const secretLine = /^(\s*(?:-\s+)?["']?[A-Za-z0-9_]*(?:key|secret|token|password)s?["']?\s*:\s*)(\S.*)$/i;

// For previews: every non-empty key/secret/token value becomes `***`; certificates stay visible.
export const redactConfig = (yaml: string): string => {
  const parsed = parseYamlDocuments(yaml);
  // Unparseable text is still redacted line by line rather than shown as it is.
  if (!parsed.ok) return yaml.split("\n").map((line) => line.replace(secretLine, `$1${redactedValue}`)).join("\n");

  return parsed.documents.map((doc) => stringifyTalosYaml(redactValue(doc))).join("---\n");
};

const redactValue = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactValue);
  if (!isPlainObject(value)) return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, secretKey.test(key) && isSecretLeaf(item) ? redactedValue : redactValue(item)]),
  );
};

// Empty strings stay empty (a worker's `ca.key: ""` shows that it carries no key).
const isSecretLeaf = (value: unknown): boolean => (typeof value === "string" && value !== "") || typeof value === "number";
