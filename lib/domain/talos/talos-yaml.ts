import { parseAllDocuments } from "yaml";
import { emitYamlV3 } from "@/lib/domain/talos/yaml-v3-emitter";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml-values";

// Talos (yaml.v3) writes 4-space indentation, sequences indented under their key, and never folds
// long lines (base64 PEM values stay on one line).
export const stringifyTalosYaml = (value: unknown): string => emitYamlV3(value);

export type ParsedDocuments = { ok: true; documents: unknown[] } | { ok: false; error: string };

// Multi-document YAML to plain values. YAML aliases and custom tags are refused: Talos's decoder
// would not expand them the same way, and they make values hard to audit.
export const parseYamlDocuments = (text: string): ParsedDocuments => {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(docs)) return { ok: true, documents: [] };
  const documents: unknown[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) return { ok: false, error: error.message.split("\n")[0] ?? "invalid YAML" };
    const value: unknown = doc.toJS({ maxAliasCount: 0 });
    if (value === null || value === undefined) continue;
    documents.push(value);
  }

  return { ok: true, documents };
};

export { isPlainObject };
