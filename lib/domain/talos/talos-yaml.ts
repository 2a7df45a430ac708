import { parseAllDocuments, stringify } from "yaml";

// Talos (yaml.v3) writes 4-space indentation, sequences indented under their key, and never folds
// long lines (base64 PEM values stay on one line).
export const stringifyTalosYaml = (value: unknown): string =>
  stringify(value, { indent: 4, indentSeq: true, lineWidth: 0, minContentWidth: 0 });

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

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
