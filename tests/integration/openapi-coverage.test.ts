import { describe, expect, it } from "vitest";
import Ajv2020Module from "ajv/dist/2020";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { apiPaths, routeTemplateOf } from "@/lib/openapi/paths";
import type { OpenApiDocument } from "@/lib/openapi/build-document";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";
import { exportedMethods, listAppEntries, usesAdminWithRoute } from "@/tests/helpers/app-routes";
import { noParams } from "@/tests/helpers/boot-fixtures";

const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as typeof Ajv2020Module;

// app/api/v1/devices/[id]/route.ts → /api/v1/devices/{id}
const templateOf = (file: string): string => {
  const relative = file.split("/app/")[1]!.replace(/\/?route\.tsx?$/, "");
  const segments = relative.split("/").filter((segment) => segment && !/^\(.*\)$/.test(segment));

  return `/${segments.map((segment) => segment.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}")).join("/")}`;
};

const routeFiles = listAppEntries().filter((entry) => entry.kind === "route");

const fetchDocument = async (): Promise<OpenApiDocument> => {
  const token = await createAdminToken();
  const response = await openapiRoute(new Request("http://ktizo.test/api/v1/openapi.json", { headers: adminHeaders(token) }), noParams);
  expect(response.status).toBe(200);

  return (await response.json()) as OpenApiDocument;
};

describe("OpenAPI document", () => {
  it("documents every method of every app/**/route.ts, with the auth the route really uses", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    const missing: string[] = [];
    const wrongAuth: string[] = [];
    for (const entry of routeFiles) {
      const path = templateOf(entry.file);
      for (const method of exportedMethods(entry.source)) {
        const operation = document.paths[path]?.[method.toLowerCase()] as { "x-ktizo-auth"?: string } | undefined;
        if (!operation) {
          missing.push(`${method} ${path}`);
          continue;
        }
        const admin = usesAdminWithRoute(entry.source, method);
        if (admin !== (operation["x-ktizo-auth"] === "admin")) wrongAuth.push(`${method} ${path}`);
      }
    }
    expect(missing, "routes missing from lib/openapi/registry.ts").toEqual([]);
    expect(wrongAuth, "documented auth differs from the route's withRoute auth").toEqual([]);
  });

  it("documents nothing that does not exist, and paths.ts lists exactly the app's routes", async () => {
    const document = await fetchDocument();
    const real = new Set(routeFiles.flatMap((entry) => exportedMethods(entry.source).map((method) => `${method.toLowerCase()} ${templateOf(entry.file)}`)));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(documented.filter((operation) => !real.has(operation))).toEqual([]);
    expect([...apiPaths].sort()).toEqual([...new Set(routeFiles.map((entry) => templateOf(entry.file)))].sort());
  });

  it("every schema in it compiles as JSON Schema 2020-12, and request bodies show real constraints", async () => {
    const document = await fetchDocument();
    const ajv = new Ajv2020({ strict: false });
    let compiled = 0;
    const visit = (value: unknown): void => {
      if (!value || typeof value !== "object") return;
      const record = value as Record<string, unknown>;
      if (record.schema && typeof record.schema === "object" && !("$ref" in (record.schema as object))) {
        ajv.compile(record.schema as object);
        compiled += 1;
      }
      Object.values(record).forEach(visit);
    };
    visit(document.paths);
    expect(compiled).toBeGreaterThan(50);
    const approve = document.paths["/api/v1/devices/{id}/approve"]?.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(approve.requestBody.content["application/json"]?.schema.required).toEqual(["role"]);
    const rule = document.paths["/api/v1/rules"]?.post as { security: unknown[] };
    expect(rule.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect((document.paths["/api/v1/devices/register"]?.post as { security: unknown[] }).security).toEqual([]);
  });

  it("labels requests for metrics by template, literal segments first", () => {
    expect(routeTemplateOf("/api/v1/devices/bulk")).toBe("/api/v1/devices/bulk");
    expect(routeTemplateOf("/api/v1/devices/cmx123/approve")).toBe("/api/v1/devices/{id}/approve");
    expect(routeTemplateOf("/api/v1/assets/talos/v1.11.6/vmlinuz-amd64")).toBe("/api/v1/assets/talos/{version}/{file}");
    expect(routeTemplateOf("/wp-admin/x")).toBe("other");
  });
});
