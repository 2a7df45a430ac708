type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
};

// "string | null", "array of object", "enum a | b" — a one-line summary of a JSON Schema.
const typeLabel = (schema: JsonSchema): string => {
  if (schema.$ref) return schema.$ref.split("/").at(-1) ?? "ref";
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeLabel).join(" | ");
  if (schema.type === "array") return `array of ${schema.items ? typeLabel(schema.items) : "any"}`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");

  return schema.type ?? "any";
};

const constraints = (schema: JsonSchema): string =>
  [
    schema.minLength !== undefined && `min length ${schema.minLength}`,
    schema.maxLength !== undefined && `max length ${schema.maxLength}`,
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.pattern && `pattern ${schema.pattern}`,
    schema.default !== undefined && `default ${JSON.stringify(schema.default)}`,
    schema.description,
  ]
    .filter(Boolean)
    .join(" · ");

const objectOf = (schema: JsonSchema): JsonSchema | undefined =>
  schema.properties ? schema : schema.type === "array" && schema.items?.properties ? schema.items : schema.anyOf?.find((option) => option.properties);

// Renders a JSON Schema as a nested field table, the way API references usually show bodies.
export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const object = objectOf(schema);
  if (!object?.properties || depth > 4) {
    return <code className="font-mono text-xs">{typeLabel(schema)}</code>;
  }
  const required = new Set(object.required ?? []);

  return (
    <table className="w-full text-xs">
      <tbody className="divide-y divide-slate-100">
        {Object.entries(object.properties).map(([name, property]) => (
          <tr key={name} className="align-top">
            <td className="py-1 pr-3 font-mono whitespace-nowrap">
              {name}
              {required.has(name) ? <span className="text-red-600">*</span> : null}
            </td>
            <td className="py-1 pr-3">
              {objectOf(property) ? <SchemaView schema={property} depth={depth + 1} /> : <code className="font-mono">{typeLabel(property)}</code>}
            </td>
            <td className="py-1 text-slate-500">{constraints(property)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { JsonSchema };
