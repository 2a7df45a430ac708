import type { CertAndKey } from "@/lib/domain/talos/certificates";
import { pemToB64 } from "@/lib/domain/talos/pem";
import { isPlainObject, parseYamlDocuments, stringifyTalosYaml } from "@/lib/domain/talos/talos-yaml";

type BuildTalosconfigOptions = { contextName: string; osCaCrt: string; admin: CertAndKey; endpoints?: string[] };

// talosctl's client config (https://www.talos.dev/v1.11/reference/cli/#talosctl-config): one context named after the cluster; endpoints stay
// empty at generation and are filled with control-plane IPs when served.
export const buildTalosconfig = ({ contextName, osCaCrt, admin, endpoints = [] }: BuildTalosconfigOptions): string =>
  stringifyTalosYaml({
    context: contextName,
    contexts: {
      [contextName]: { endpoints, ca: pemToB64(osCaCrt), crt: pemToB64(admin.crt), key: pemToB64(admin.key) },
    },
  });

export const withTalosconfigEndpoints = (talosconfig: string, endpoints: string[]): string => {
  const parsed = parseYamlDocuments(talosconfig);
  const doc = parsed.ok ? parsed.documents[0] : undefined;
  if (!isPlainObject(doc) || !isPlainObject(doc.contexts) || typeof doc.context !== "string") {
    throw new Error("stored talosconfig is malformed");
  }
  const context = doc.contexts[doc.context];
  if (!isPlainObject(context)) throw new Error("stored talosconfig has no current context");

  // Rebuild the context so `endpoints` keeps its place as the first key.
  const { endpoints: _old, ...rest } = context;
  void _old;

  return stringifyTalosYaml({ ...doc, contexts: { ...doc.contexts, [doc.context]: { endpoints, ...rest } } });
};
