// Every URL template ktizo serves through a route handler, in OpenAPI form ({param}). The OpenAPI
// registry documents each of these, tests/integration/openapi-coverage.test.ts checks this list
// against app/**/route.ts, and the HTTP metrics use it to label requests by template (a bounded
// label set: ids, MACs and file names never become label values).
export const apiPaths = [
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/setup",
  "/api/health",
  "/api/v1/assets/imports",
  "/api/v1/assets/imports/{id}",
  "/api/v1/assets/ipxe/{file}",
  "/api/v1/assets/talos/{version}/{file}",
  "/api/v1/boot/ipxe",
  "/api/v1/cluster/config/generate",
  "/api/v1/cluster/secrets/export",
  "/api/v1/cluster/secrets/generate",
  "/api/v1/cluster/secrets/import",
  "/api/v1/cluster/settings",
  "/api/v1/cluster/settings/{id}",
  "/api/v1/cluster/talosconfig",
  "/api/v1/cluster/kubeconfig",
  "/api/v1/cluster/health",
  "/api/v1/cluster/bootstrap",
  "/api/v1/config/download",
  "/api/v1/device-codes/approve",
  "/api/v1/device-codes/deny",
  "/api/v1/device-codes/lookup",
  "/api/v1/devices",
  "/api/v1/devices/bulk",
  "/api/v1/devices/rack",
  "/api/v1/devices/changes",
  "/api/v1/devices/register",
  "/api/v1/devices/{id}",
  "/api/v1/devices/{id}/approve",
  "/api/v1/devices/{id}/config",
  "/api/v1/devices/{id}/reject",
  "/api/v1/events",
  "/api/v1/groups",
  "/api/v1/groups/{id}",
  "/api/v1/groups/{id}/preview",
  "/api/v1/network/settings",
  "/api/v1/network/settings/apply",
  "/api/v1/network/settings/{id}",
  "/api/v1/oauth/device",
  "/api/v1/oauth/token",
  "/api/v1/openapi.json",
  "/api/v1/rules",
  "/api/v1/rules/{id}",
  "/api/v1/rules/{id}/dry-run",
  "/api/v1/status",
  "/api/v1/tokens",
  "/api/v1/tokens/{id}",
  "/api/v1/webhooks",
  "/api/v1/webhooks/{id}",
  "/api/v1/webhooks/{id}/deliveries",
  "/api/v1/webhooks/{id}/test",
  "/boot.ipxe",
  "/metrics",
] as const;

export type ApiPath = (typeof apiPaths)[number];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Literal templates win over parameterised ones (/devices/bulk before /devices/{id}).
const matchers = [...apiPaths]
  .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
  .map((template) => ({
    template,
    regex: new RegExp(`^${template.split(/\{[^}]+\}/).map(escape).join("[^/]+")}$`),
  }));

export const routeTemplateOf = (pathname: string): string =>
  matchers.find(({ regex }) => regex.test(pathname))?.template ?? "other";
