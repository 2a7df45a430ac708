import { SchemaView, type JsonSchema } from "@/app/(admin)/docs/_components/schema-view";

type MediaMap = Record<string, { schema?: JsonSchema }>;
export type Operation = {
  summary: string;
  operationId: string;
  "x-ktizo-auth": string;
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: MediaMap };
  responses: Record<string, { description: string; content?: MediaMap }>;
};

const methodColors: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  head: "bg-slate-100 text-slate-700",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

const authText: Record<string, string> = {
  admin: "login session or API token",
  public: "public (no login)",
  metrics: "bearer KTIZO_METRICS_TOKEN when set",
};

function Media({ content }: { content: MediaMap }) {
  return (
    <div className="space-y-1">
      {Object.entries(content).map(([type, media]) => (
        <div key={type}>
          <p className="font-mono text-[11px] text-slate-500">{type}</p>
          {media.schema ? <SchemaView schema={media.schema} /> : null}
        </div>
      ))}
    </div>
  );
}

export function OperationView({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  return (
    <details id={operation.operationId} className="rounded-md border border-slate-200 bg-white" data-testid="operation">
      <summary className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm">
        <span className={`w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ${methodColors[method] ?? ""}`}>{method}</span>
        <span className="font-mono">{path}</span>
        <span className="text-slate-600">{operation.summary}</span>
        <span className="ml-auto text-xs text-slate-500">{authText[operation["x-ktizo-auth"]] ?? operation["x-ktizo-auth"]}</span>
      </summary>
      <div className="space-y-3 border-t border-slate-100 px-3 py-3 text-sm">
        {operation.parameters.length > 0 ? (
          <div>
            <h4 className="text-xs font-semibold text-slate-500 uppercase">Parameters</h4>
            <ul className="mt-1 space-y-0.5 text-xs">
              {operation.parameters.map((parameter) => (
                <li key={`${parameter.in}-${parameter.name}`}>
                  <span className="font-mono">{parameter.name}</span>
                  {parameter.required ? <span className="text-red-600">*</span> : null} <span className="text-slate-500">({parameter.in})</span>{" "}
                  <SchemaView schema={parameter.schema} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {operation.requestBody ? (
          <div>
            <h4 className="text-xs font-semibold text-slate-500 uppercase">Request body</h4>
            <Media content={operation.requestBody.content} />
          </div>
        ) : null}
        <div>
          <h4 className="text-xs font-semibold text-slate-500 uppercase">Responses</h4>
          <ul className="mt-1 space-y-2">
            {Object.entries(operation.responses).map(([status, response]) => (
              <li key={status}>
                <span className="font-mono text-xs font-semibold">{status}</span> <span className="text-xs text-slate-600">{response.description}</span>
                {response.content ? <Media content={response.content} /> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}
