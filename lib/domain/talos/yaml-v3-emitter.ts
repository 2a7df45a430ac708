import { Scalar, stringify } from "yaml";
import { isPlainObject } from "@/lib/domain/talos/talos-yaml-values";

// A block-style emitter laid out like Go's yaml.v3 with 4-space indentation (what talosctl writes):
// a nested block's indent snaps to the next multiple of 4 (`best_indent * ((indent + 4) / 4)`),
// sequences sit one level under their key, and the keys of a mapping inside a list item start
// right after "- ". So `- name: x` at column 12 has its siblings at 14 and their children at 16.
const nextIndent = (indent: number): number => 4 * Math.floor((indent + 4) / 4);
const pad = (n: number): string => " ".repeat(n);

// Plain scalars use the yaml library's quoting rules (quote only when needed), never folded.
const scalar = (value: unknown): string => stringify(value, { lineWidth: 0, minContentWidth: 0 }).trimEnd();

const doubleQuoted = (value: string): string => {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;

  return stringify(node, { lineWidth: 0, minContentWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER }).trimEnd();
};

// Multi-line strings become literal blocks, as yaml.v3 writes them (inline manifests, certs).
const blockLines = (value: string, indent: number): string[] | null => {
  if (!value.includes("\n") || /(^ |[ \t]\n|[\u0000-\u0008\u000b-\u001f\u007f])/.test(value)) return null;
  const trailing = /\n+$/.exec(value)?.[0].length ?? 0;
  const header = trailing === 0 ? "|-" : trailing === 1 ? "|" : "|+";
  const body = (trailing > 0 ? value.slice(0, -1) : value).split("\n");

  return [header, ...body.map((line) => (line === "" ? "" : `${pad(indent)}${line}`))];
};

const inlineValue = (value: unknown): string | null => {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : null;
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? "{}" : null;
  if (typeof value === "string" && value.includes("\n")) return null;

  return scalar(value ?? null);
};

const emitValue = (prefix: string, value: unknown, indent: number): string[] => {
  const inline = inlineValue(value);
  if (inline !== null) return [`${prefix} ${inline}`];
  if (typeof value === "string") {
    const block = blockLines(value, nextIndent(indent));
    if (!block) return [`${prefix} ${doubleQuoted(value)}`];

    return [`${prefix} ${block[0]}`, ...block.slice(1)];
  }
  const child = nextIndent(indent);

  return [prefix, ...(Array.isArray(value) ? emitSequence(value, child) : emitMapping(value as Record<string, unknown>, child))];
};

// The lines of a frozen mapping or list at a given indent are the same every time: kept (frozen)
// for as long as the value lives, so the cached base configs (base-config-cache.ts) are written out
// once and each render emits only the objects its patches copied. Anything else is emitted afresh.
const blocks = new WeakMap<object, Map<number, readonly string[]>>();

const remembered = (value: object, indent: number, emit: () => string[]): readonly string[] => {
  if (!Object.isFrozen(value)) return emit();
  let byIndent = blocks.get(value);
  if (!byIndent) blocks.set(value, (byIndent = new Map()));
  let lines = byIndent.get(indent);
  if (!lines) byIndent.set(indent, (lines = Object.freeze(emit())));

  return lines;
};

const emitMapping = (map: Record<string, unknown>, indent: number): readonly string[] =>
  remembered(map, indent, () => Object.entries(map).flatMap(([key, value]) => emitValue(`${pad(indent)}${scalar(key)}:`, value, indent)));

const emitSequence = (items: unknown[], indent: number): readonly string[] =>
  remembered(items, indent, () => items.flatMap((item) => {
    const inline = inlineValue(item);
    if (inline !== null) return [`${pad(indent)}- ${inline}`];
    if (typeof item === "string") return emitValue(`${pad(indent)}-`, item, indent);
    const lines = Array.isArray(item) ? emitSequence(item, indent + 2) : emitMapping(item as Record<string, unknown>, indent + 2);
    const [first = "", ...rest] = lines;

    return [`${pad(indent)}- ${first.slice(indent + 2)}`, ...rest];
  }));

export const emitYamlV3 = (value: unknown): string => {
  const inline = inlineValue(value);
  if (inline !== null) return `${inline}\n`;
  const lines = Array.isArray(value) ? emitSequence(value, 0) : emitMapping(value as Record<string, unknown>, 0);

  return `${lines.join("\n")}\n`;
};
