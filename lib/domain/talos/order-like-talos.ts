import { talosSchemaDefs } from "@/lib/domain/talos/config-schema";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml-values";

type Node = { $ref?: string; properties?: Record<string, Node>; items?: Node; patternProperties?: Record<string, Node>; type?: string };

// After patches, keys come out where Talos would write them: typed structs in Go field order (the
// schema lists properties in that order), Go maps and untyped objects sorted (yaml.v3 sorts map
// keys). So builtin output after patching matches talosctl's, not just in content.
export const orderLikeTalos = (doc: Record<string, unknown>): Record<string, unknown> => {
  const defs = talosSchemaDefs() as Record<string, Node>;
  const root = rootNodeOf(defs);

  return root ? (order(doc, root, defs) as Record<string, unknown>) : doc;
};

// The root node once per schema (one object, so it can key the memo below).
const roots = new WeakMap<Record<string, Node>, Node | null>();
const rootNodeOf = (defs: Record<string, Node>): Node | null => {
  if (!roots.has(defs)) {
    const config = defs["v1alpha1.Config"];
    // `persist` is missing from the schema; Talos writes it right after `debug`.
    const { version, debug, persist, ...rest } = config?.properties ?? {};
    roots.set(defs, config?.properties ? { properties: { ...(version ? { version } : {}), ...(debug ? { debug } : {}), ...(persist ? { persist } : {}), ...rest } } : null);
  }

  return roots.get(defs)!;
};

const resolve = (node: Node | undefined, defs: Record<string, Node>): Node | undefined =>
  node?.$ref ? defs[node.$ref.replace("#/$defs/", "")] : node;

// A frozen value (the cached base configs and group patches, base-config-cache.ts) never changes,
// so its ordered form is computed once per schema node and kept, frozen in turn, for as long as
// the value lives: a render re-orders only the objects its patches copied (strategic-merge.ts
// keeps every untouched subtree as it was). Anything else is ordered afresh.
const memo = new WeakMap<object, Map<Node | undefined, unknown>>();

const order = (value: unknown, rawNode: Node | undefined, defs: Record<string, Node>): unknown => {
  const node = resolve(rawNode, defs);
  if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return orderFresh(value, node, defs);
  let byNode = memo.get(value);
  if (!byNode) memo.set(value, (byNode = new Map()));
  if (!byNode.has(node)) byNode.set(node, Object.freeze(orderFresh(value, node, defs)));

  return byNode.get(node);
};

const orderFresh = (value: unknown, node: Node | undefined, defs: Record<string, Node>): unknown => {
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
