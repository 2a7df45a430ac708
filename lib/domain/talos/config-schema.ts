import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import rawSchema from "@/lib/domain/talos/config.schema.json";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml";

// Talos's own v1.11 JSON schema (https://talos.dev/v1.11/schemas/config.schema.json), with two fixes applied in memory:
// `persist` is allowed at the top of v1alpha1 documents (the schema omits it, so every real
// talosctl output would fail), and the KubeSpan endpoints kind is the one the code registers.
export type Schema = { $id: string; $defs: Record<string, { properties?: Record<string, unknown> }> };

// ajv's CJS default export arrives wrapped under some loaders (tsx/vitest vs Next).
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as typeof Ajv2020Module;

const patchedSchema = (): Schema => {
  const schema = structuredClone(rawSchema) as unknown as Schema;
  const config = schema.$defs["v1alpha1.Config"];
  if (config?.properties) config.properties.persist = { type: "boolean" };
  for (const def of Object.values(schema.$defs)) {
    const kind = def.properties?.kind as { enum?: string[] } | undefined;
    if (kind?.enum?.includes("KubeSpanEndpoints")) kind.enum = ["KubeSpanEndpointsConfig"];
  }

  return schema;
};

const isAbsoluteUri = (value: string): boolean => {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
};

let patched: Schema | undefined;
// The patched schema's definitions (shared with order-like-talos.ts).
export const talosSchemaDefs = (): Schema["$defs"] => {
  patched ??= patchedSchema();

  return patched.$defs;
};

type Validators = { v1alpha1: ValidateFunction; byKind: Map<string, ValidateFunction> };
let cached: Validators | undefined;

const validators = (): Validators => {
  if (cached) return cached;
  const schema = patchedSchema();
  // "uri" is the schema's only format (controlPlane.endpoint); ajv-formats isn't needed for one.
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { uri: isAbsoluteUri } });
  ajv.addSchema(schema);
  const ref = (name: string) => ajv.compile({ $ref: `${schema.$id}#/$defs/${name}` });
  const byKind = new Map<string, ValidateFunction>();
  for (const [name, def] of Object.entries(schema.$defs)) {
    const kinds = (def.properties?.kind as { enum?: string[] } | undefined)?.enum ?? [];
    for (const kind of kinds) byKind.set(kind, ref(name));
  }
  cached = { v1alpha1: ref("v1alpha1.Config"), byKind };

  return cached;
};

export const isV1alpha1Document = (doc: Record<string, unknown>): boolean =>
  !("kind" in doc) && ["version", "machine", "cluster", "debug", "persist"].some((key) => key in doc);

// Validates one document (v1alpha1 or a multi-doc kind); returns readable errors with paths.
export const schemaErrors = (doc: unknown, label = "document"): string[] => {
  if (!isPlainObject(doc)) return [`${label}: must be a mapping`];
  const { v1alpha1, byKind } = validators();
  let validate: ValidateFunction | undefined = v1alpha1;
  if (!isV1alpha1Document(doc)) {
    if (typeof doc.kind !== "string") return [`${label}: not a Talos config document (no machine/cluster or kind)`];
    validate = byKind.get(doc.kind);
    if (!validate) return [`${label}: unknown document kind "${doc.kind}" for Talos v1.11`];
  }

  return validate(doc) ? [] : (validate.errors ?? []).map((error) => formatError(label, error));
};

const formatError = (label: string, error: ErrorObject): string => {
  const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".") || "(root)";
  if (error.keyword === "additionalProperties") {
    return `${label}: ${path}: unknown key "${String(error.params.additionalProperty)}"`;
  }

  return `${label}: ${path}: ${error.message ?? "invalid"}`;
};
