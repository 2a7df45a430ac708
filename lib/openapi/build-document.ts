import { z } from "zod";
import { errorShape } from "@/lib/openapi/response-shapes";
import { routeDocs } from "@/lib/openapi/registry";
import type { ResponseDoc, RouteDoc } from "@/lib/openapi/route-doc";

type JsonObject = Record<string, unknown>;

// zod 4 writes draft 2020-12 JSON Schema, which is exactly OpenAPI 3.1's schema dialect.
// Requests are described by what a client may send (input), responses by what ktizo answers.
const schemaOf = (schema: z.ZodType, io: "input" | "output"): JsonObject => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonObject;
  delete json.$schema;

  return json;
};

const securityOf = (auth: RouteDoc["auth"]) =>
  auth === "admin" ? [{ bearerAuth: [] }, { sessionCookie: [] }] : auth === "metrics" ? [{ metricsToken: [] }, {}] : [];

const parametersOf = (route: RouteDoc): JsonObject[] => {
  const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string" } }));
  const query = route.query ? schemaOf(route.query, "input") : null;
  const properties = (query?.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((query?.required ?? []) as string[]);
  const queryParams = Object.entries(properties).map(([name, schema]) => ({ name, in: "query", required: required.has(name), schema }));

  return [...pathParams, ...queryParams];
};

const responseOf = ({ description, schema, contentType }: ResponseDoc): JsonObject => {
  if (!schema && !contentType) return { description };
  const type = contentType ?? "application/json";

  return { description, content: { [type]: { schema: schema ? schemaOf(schema, "output") : { type: "string" } } } };
};

// Answers every route can give, so each operation lists them without repeating them by hand.
const commonResponses = (route: RouteDoc): Record<string, JsonObject> => {
  const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  const common: Record<string, JsonObject> = {};
  if (route.auth === "admin") common["401"] = error("login session or API token required");
  if (route.path.includes("{")) common["404"] = error("not found");
  if (route.body) {
    common["413"] = error("body larger than 64 KB");
    common["415"] = error("wrong content type");
  }
  if (route.body || route.query || route.path.includes("{")) common["422"] = error("validation failed; issues name the fields");

  return common;
};

const operationOf = (route: RouteDoc): JsonObject => ({
  tags: [route.tag],
  summary: route.summary,
  operationId: `${route.method}${route.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
  security: securityOf(route.auth),
  "x-ktizo-auth": route.auth,
  parameters: parametersOf(route),
  ...(route.body
    ? { requestBody: { required: true, content: Object.fromEntries((route.bodyContentTypes ?? ["application/json"]).map((type) => [type, { schema: schemaOf(route.body!, "input") }])) } }
    : {}),
  responses: { ...commonResponses(route), ...Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, responseOf(response)])) },
});

export type OpenApiDocument = { openapi: string; info: JsonObject; paths: Record<string, Record<string, JsonObject>>; components: JsonObject; tags: JsonObject[] };

export const buildOpenApiDocument = (): OpenApiDocument => {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routeDocs) (paths[route.path] ??= {})[route.method] = operationOf(route);

  return {
    openapi: "3.1.0",
    info: {
      title: "ktizo API",
      version: "1",
      description: "PXE-install Talos Linux clusters on bare metal. Admin routes need a login session or `Authorization: Bearer <API token>`; machine-facing routes are public and gated by device state and token.",
    },
    tags: [...new Set(routeDocs.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "API token created on the API tokens page (or KTIZO_API_TOKEN)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "ktizo_session", description: "login session" },
        metricsToken: { type: "http", scheme: "bearer", description: "KTIZO_METRICS_TOKEN, only when it is set" },
      },
      schemas: { Error: schemaOf(errorShape, "output") },
    },
  };
};
