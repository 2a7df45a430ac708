import { talosSchemaDefs } from "@/lib/domain/talos/config-schema";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml-values";

type Node = { $ref?: string; properties?: Record<string, Node>; items?: Node; patternProperties?: Record<string, Node>; type?: string };

// After patches, keys come out where Talos would write them: typed structs in Go field order (the
// schema lists properties in that order), Go maps and untyped objects sorted (yaml.v3 sorts map
// keys). So builtin output after patching matches talosctl's, not just in content.
export const orderLikeTalos = (doc: Record<string, unknown>): Record<string, unknown> => {
  const defs = talosSchemaDefs() as Record<string, Node>;
  const config = defs["v1alpha1.Config"];
  if (!config?.properties) return doc;
  // `persist` is missing from the schema; Talos writes it right after `debug`.
  const { version, debug, persist, ...rest } = config.properties;
  const root: Node = { properties: { ...(version ? { version } : {}), ...(debug ? { debug } : {}), ...(persist ? { persist } : {}), ...rest } };

  return order(doc, root, defs) as Record<string, unknown>;
};

const resolve = (node: Node | undefined, defs: Record<string, Node>): Node | undefined =>
  node?.$ref ? defs[node.$ref.replace("#/$defs/", "")] : node;

const order = (value: unknown, rawNode: Node | undefined, defs: Record<string, Node>): unknown => {
  const node = resolve(rawNode, defs);
  if (Array.isArray(value)) return value.map((item) => order(item, node?.items, defs));
  if (!isPlainObject(value)) return value;
  if (node?.properties) {
    const known = Object.keys(node.properties).filter((key) => key in value);
    const unknown = Object.keys(value).filter((key) => !(key in node.properties!));

    return Object.fromEntries([...known, ...unknown].map((key) => [key, order(value[key], node.properties?.[key], defs)]));
  }
  const valueNode = node?.patternProperties ? Object.values(node.patternProperties)[0] : undefined;

  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, order(value[key], valueNode, defs)]),
  );
};
