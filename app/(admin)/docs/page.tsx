import { OperationView, type Operation } from "@/app/(admin)/docs/_components/operation-view";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getOpenApiDocument } from "@/lib/openapi/get-document";

export const dynamic = "force-dynamic";

// The API reference, rendered on the server from the same OpenAPI document as /api/v1/openapi.json
// (no third-party viewer, nothing loaded from a CDN).
export default async function DocsPage() {
  await requireAdmin("/docs");
  const document = getOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation: operation as unknown as Operation & { tags: string[] } })),
  );
  const tags = document.tags.map((tag) => String(tag.name));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API reference</h1>
        <p className="mt-1 text-sm text-slate-600">
          {String(document.info.title)} · OpenAPI {document.openapi} ·{" "}
          <a href="/api/v1/openapi.json" className="text-sky-700 hover:underline" data-testid="openapi-link">
            openapi.json
          </a>{" "}
          · {operations.length} operations. Admin routes take a login session or <code>Authorization: Bearer &lt;API token&gt;</code>; errors are{" "}
          <code>{"{error: {code, message, issues?}}"}</code>.
        </p>
        <nav className="mt-2 flex flex-wrap gap-3 text-sm">
          {tags.map((tag) => (
            <a key={tag} href={`#tag-${tag}`} className="text-sky-700 hover:underline">
              {tag}
            </a>
          ))}
        </nav>
      </div>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} className="space-y-2" data-testid="docs-tag">
          <h2 className="text-base font-semibold">{tag}</h2>
          {operations
            .filter(({ operation }) => operation.tags.includes(tag))
            .map(({ path, method, operation }) => (
              <OperationView key={`${method} ${path}`} method={method} path={path} operation={operation} />
            ))}
        </section>
      ))}
    </div>
  );
}
