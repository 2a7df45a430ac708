import { isV1alpha1Document, schemaErrors } from "@/lib/domain/talos/config-schema";
import { orderLikeTalos } from "@/lib/domain/talos/order-like-talos";
import { mergeObject, stripDirectives } from "@/lib/domain/talos/strategic-merge";
import { isPlainObject, parseYamlDocuments, stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";

export type ConfigDocument = Record<string, unknown>;
export type ParsePatchResult = { ok: true; documents: ConfigDocument[] } | { ok: false; errors: string[] };

// A config patch is a strategic-merge patch: YAML documents that are partial Talos configs, with
// `$patch: delete` allowed. Every key must be known to the Talos schema (https://www.talos.dev/v1.11/talos-guides/configuration/patching/).
export const parseConfigPatch = (text: string, label = "patch"): ParsePatchResult => {
  if (text.trim() === "") return { ok: true, documents: [] };
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return { ok: false, errors: [`${label}: not valid YAML: ${parsed.error}`] };
  const errors: string[] = [];
  parsed.documents.forEach((doc, index) => {
    const where = parsed.documents.length > 1 ? `${label} (document ${index + 1})` : label;
    if (Array.isArray(doc)) return errors.push(`${where}: JSON patches are not supported; write a strategic-merge patch`);
    if (!isPlainObject(doc)) return errors.push(`${where}: must be a mapping`);
    if (!isV1alpha1Document(doc) && doc.$patch === "delete") return;
    errors.push(...schemaErrors(stripDirectives(doc), where));
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, documents: parsed.documents as ConfigDocument[] };
};

const sameDocument = (a: ConfigDocument, b: ConfigDocument): boolean =>
  a.apiVersion === b.apiVersion && a.kind === b.kind && (a.name ?? null) === (b.name ?? null);

// Applies patch documents in order: v1alpha1 parts merge into the v1alpha1 document, other
// documents match by apiVersion + kind (+ name); unmatched ones are appended.
export const applyPatchDocuments = (documents: ConfigDocument[], patches: ConfigDocument[]): ConfigDocument[] => {
  let out = [...documents];
  for (const patch of patches) {
    const v1 = isV1alpha1Document(patch);
    const index = out.findIndex((doc) => (v1 ? isV1alpha1Document(doc) : sameDocument(doc, patch)));
    const current = out[index];
    if (!v1 && patch.$patch === "delete") {
      out = out.filter((doc) => isV1alpha1Document(doc) || !sameDocument(doc, patch));
    } else if (current) {
      out[index] = mergeObject(current, patch, "");
    } else {
      out.push(stripDirectives(patch) as ConfigDocument);
    }
  }

  return out;
};

export const parseConfigDocuments = (yaml: string): ConfigDocument[] => {
  const parsed = parseYamlDocuments(yaml);
  if (!parsed.ok) throw new Error(`config is not valid YAML: ${parsed.error}`);

  return parsed.documents.filter(isPlainObject);
};

export const stringifyConfigDocuments = (documents: ConfigDocument[]): string =>
  documents.map((doc) => stringifyTalosYaml(isV1alpha1Document(doc) ? orderLikeTalos(doc) : doc)).join("---\n");
