import { b64ToPem } from "@/lib/domain/talos/pem";
import { isPlainObject, parseYamlDocuments } from "@/lib/domain/talos/talos-yaml";

export type TalosconfigCredentials = { caPem: string; crtPem: string; keyPem: string };

// The current context's OS CA, admin certificate and key from a talosconfig (base64 of PEM each,
// as talosctl writes them: docs/cluster.md). Throws on anything else.
export const talosconfigCredentials = (talosconfig: string): TalosconfigCredentials => {
  const parsed = parseYamlDocuments(talosconfig);
  const doc = parsed.ok ? parsed.documents[0] : undefined;
  if (!isPlainObject(doc) || typeof doc.context !== "string" || !isPlainObject(doc.contexts)) {
    throw new Error("talosconfig has no current context");
  }
  const context = doc.contexts[doc.context];
  if (!isPlainObject(context)) throw new Error("talosconfig has no current context");
  const field = (name: "ca" | "crt" | "key"): string => {
    const value = context[name];
    if (typeof value !== "string" || value.length === 0) throw new Error(`talosconfig context has no ${name}`);
    return b64ToPem(value);
  };

  return { caPem: field("ca"), crtPem: field("crt"), keyPem: field("key") };
};
